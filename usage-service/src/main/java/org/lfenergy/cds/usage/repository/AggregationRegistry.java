package org.lfenergy.cds.usage.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.mapping.AggregationKind;

/**
 * Keeps the {@code aggregation} table (the aggregations that exist, with their CDS id and number) in step with the
 * read model: after a batch of contracts, attributes or network members is stored, the aggregations of the contracts
 * it touched that are not registered yet are added. Membership itself is never stored: it is the
 * {@code aggregation_member} view over the tables, so it is always current.
 */
@ApplicationScoped
public class AggregationRegistry {

    private static final Pattern PROGRAM_TEXT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    // The new aggregations of a set of contracts (t): each contract's memberships, minus the registered ones.
    private static final String NEW_OF_CONTRACTS = """
            SELECT DISTINCT m.client, m.kind, m.key FROM (%s) AS t(client, contract_id)
            CROSS JOIN LATERAL (SELECT am.client, am.kind, am.key FROM aggregation_member am
                                WHERE am.client = t.client AND am.contract_id = t.contract_id) m
            WHERE NOT EXISTS (SELECT 1 FROM aggregation a WHERE a.client = m.client AND a.kind = m.kind AND a.key = m.key)
            """;

    static final String CONTRACTS = "SELECT u.client, u.contract_id FROM unnest(?::text[], ?::text[]) AS u(client, contract_id)";

    static final String ATTRIBUTE_CONTRACTS = """
            SELECT c.client, c.contract_id FROM unnest(?::text[], ?::text[], ?::text[]) AS u(client, id_type, id)
            JOIN contract c ON c.client = u.client AND ((u.id_type = 'CT' AND c.contract_id = u.id)
                                                     OR (u.id_type = 'PM' AND c.premise_id = u.id))
            """;

    static final String NETWORK_CONTRACTS = """
            SELECT c.client, c.contract_id FROM unnest(?::text[], ?::text[], ?::text[]) AS u(client, member_id, member_ma)
            JOIN contract c ON c.client = u.client AND (c.contract_id = u.member_id OR c.meter_account_id = u.member_id
                                                     OR c.meter_account_id = u.member_ma)
            """;

    static final String INSERT = """
            INSERT INTO aggregation (client, kind, key, cds_aggregation_id, aggregation_number)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT DO NOTHING
            """;

    private final AgroalDataSource dataSource;
    private final BatchUpsert batch;
    private final CdsIds ids;
    private final UsageConfig config;

    public AggregationRegistry(AgroalDataSource dataSource, BatchUpsert batch, CdsIds ids, UsageConfig config) {
        this.dataSource = dataSource;
        this.batch = batch;
        this.ids = ids;
        this.config = config;
    }

    private volatile boolean programsSynced;

    void onStart(@Observes StartupEvent start) throws SQLException {
        syncPrograms();
    }

    /** Writes the configured program attributes into {@code aggregation_program} (the view joins it). */
    synchronized void syncPrograms() throws SQLException {
        if (programsSynced) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, UsageConfig.Program> p : config.aggregations().programs().entrySet()) {
            String level = p.getValue().level();
            if (!PROGRAM_TEXT.matcher(p.getKey()).matches() || !PROGRAM_TEXT.matcher(p.getValue().number()).matches()
                    || !(level.equals("account") || level.equals("service"))) {
                throw new IllegalStateException("usage.aggregations.programs." + p.getKey()
                        + ": key and number must match " + PROGRAM_TEXT + ", level must be account or service");
            }
            rows.add(new String[]{p.getKey(), p.getValue().number(), level});
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM aggregation_program");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO aggregation_program (attribute_key, program_number,"
                         + " level) VALUES (?, ?, ?)")) {
                del.executeUpdate();
                for (String[] r : rows) {
                    ins.setString(1, r[0]);
                    ins.setString(2, r[1]);
                    ins.setString(3, r[2]);
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
                programsSynced = true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** After contracts (client, Contract_ID) were stored. */
    public void registerContracts(Collection<String[]> clientAndContract) throws SQLException {
        register(CONTRACTS, 2, clientAndContract);
    }

    /** After attributes (client, ID_type, ID) were stored. */
    public void registerAttributes(Collection<String[]> clientTypeId) throws SQLException {
        register(ATTRIBUTE_CONTRACTS, 3, clientTypeId);
    }

    /** After network members (client, Member_ID, Member_MeterAccount_ID) were stored. */
    public void registerNetworkMembers(Collection<String[]> members) throws SQLException {
        register(NETWORK_CONTRACTS, 3, members);
    }

    private void register(String contractsSql, int columns, Collection<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (!programsSynced) {
            syncPrograms(); // a consumer may run before the start-up observer
        }
        List<String[]> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(NEW_OF_CONTRACTS.formatted(contractsSql))) {
            String[][] cols = new String[columns][rows.size()];
            int r = 0;
            for (String[] row : rows) {
                for (int k = 0; k < columns; k++) {
                    cols[k][r] = row[k];
                }
                r++;
            }
            for (int k = 0; k < columns; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        List<String[]> inserts = new ArrayList<>();
        for (String[] f : found) {
            AggregationKind kind = AggregationKind.of(f[1]).orElseThrow();
            inserts.add(new String[]{f[0], f[1], f[2], id(f[0], kind, f[2]), kind.number(f[2])});
        }
        batch.execute(INSERT, 5, inserts);
    }

    /** The CDS id of an aggregation. */
    public String id(String client, AggregationKind kind, String key) {
        return ids.compositeId(CdsIdKind.AGGREGATION, client, kind.code(), key);
    }
}
