package org.lfenergy.cds.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.contracts.IsoFormats;

/**
 * Writes batches of facts (one statement per batch and table) and, in the same transaction, marks the accounts
 * whose CDS objects depend on them as dirty for the projector.
 */
@ApplicationScoped
public class FactRepository {

    private static final String DIRTY = "INSERT INTO dirty_account (client, entity_id) ";
    /**
     * An account that is already dirty is updated, not skipped: the update locks its row until this transaction
     * commits, so a projector pass that runs meanwhile skips the account (FOR UPDATE SKIP LOCKED) instead of taking
     * it with facts it cannot see yet. With DO NOTHING, that pass would remove the mark and the new facts would stay
     * unprojected until the account's next change. The same statement never names an account twice (DISTINCT),
     * and every statement takes its locks in key order, so two consumers cannot deadlock on them.
     */
    public static final String ON_CONFLICT = " ORDER BY 1, 2 ON CONFLICT (client, entity_id) DO UPDATE SET entity_id = "
            + "EXCLUDED.entity_id";

    private final Pool pool;
    private final String[][] levelCodes;
    private final String[] billCycleKeys;

    public FactRepository(Pool pool, BillingConfig config) {
        this.pool = pool;
        BillingConfig.IdTypes t = config.idTypes();
        this.levelCodes = new String[][] {upper(t.contract()), upper(t.servicePoint()), upper(t.premise()),
                upper(t.account()), upper(t.person())};
        this.billCycleKeys = config.attributes().entrySet().stream()
                .filter(e -> e.getValue().equals("bill_cycle")).map(Map.Entry::getKey).toArray(String[]::new);
    }

    /** Writes the rows (already merged per key) and marks dependent accounts dirty, atomically. */
    public Uni<Void> write(FactTable table, Collection<FactRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<FactRow> list = List.copyOf(rows);
        return pool.withTransaction(conn -> {
            Uni<Void> before = table == FactTable.CUSTOMER_ROW
                    ? markContracts(conn, column(list, "client"), column(list, "contract_id")) // the old account
                    : Uni.createFrom().voidItem();
            return before
                    .chain(() -> conn.preparedQuery(table.upsertSql()).execute(upsertTuple(table, list)))
                    .chain(() -> markDirty(conn, table, list));
        });
    }

    private static Tuple upsertTuple(FactTable table, List<FactRow> rows) {
        int n = table.columns().size();
        List<Object> arrays = new ArrayList<>(n + 4);
        for (int c = 0; c < n; c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r).values().get(c);
            }
            arrays.add(values);
        }
        String[] data = new String[rows.size()];
        String[] first = new String[rows.size()];
        String[] content = new String[rows.size()];
        String[] seen = new String[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            FactRow row = rows.get(r);
            data[r] = row.data();
            first[r] = IsoFormats.instant(row.firstTs());
            content[r] = IsoFormats.instant(row.contentTs());
            seen[r] = IsoFormats.instant(row.seenTs());
        }
        arrays.add(data);
        arrays.add(first);
        arrays.add(content);
        arrays.add(seen);
        return Tuple.from(arrays);
    }

    private Uni<Void> markDirty(SqlConnection conn, FactTable table, List<FactRow> rows) {
        String[] clients = column(rows, "client");
        return switch (table) {
            case CUSTOMER_ROW -> markContracts(conn, clients, column(rows, "contract_id"));
            case BILL, BILL_LINE -> markContracts(conn, clients, column(rows, "contract_id"));
            case ATTRIBUTE -> run(conn, DIRTY + "SELECT DISTINCT c.client, c.entity_id FROM unnest($1::text[], "
                    + "$2::text[], $3::text[]) AS a(client, id_type, id) JOIN customer_row c ON c.client = a.client AND "
                    + ownerMatch("a", 4) + ON_CONFLICT, withCodes(Tuple.tuple().addArrayOfString(clients)
                    .addArrayOfString(column(rows, "id_type")).addArrayOfString(column(rows, "id"))));
            case BILLING_CYCLE -> run(conn, DIRTY + "SELECT DISTINCT c.client, c.entity_id FROM unnest($1::text[], "
                    + "$2::text[]) AS k(client, read_cycle) JOIN attribute a ON a.client = k.client AND a.key = ANY($8) "
                    + "AND a.value = k.read_cycle JOIN customer_row c ON c.client = a.client AND " + ownerMatch("a", 3)
                    + ON_CONFLICT, withCodes(Tuple.tuple().addArrayOfString(clients)
                    .addArrayOfString(column(rows, "read_cycle"))).addArrayOfString(billCycleKeys));
            case NETWORK_MEMBER -> run(conn, DIRTY + "SELECT DISTINCT c.client, c.entity_id FROM unnest($1::text[], "
                    + "$2::text[], $3::text[]) AS m(client, member_id, meteraccount_id) JOIN customer_row c ON "
                    + "c.client = m.client AND (c.contract_id = m.member_id OR c.meteraccount_id = m.member_id "
                    + "OR c.meteraccount_id = m.meteraccount_id)" + ON_CONFLICT,
                    Tuple.of(clients, column(rows, "member_id"), column(rows, "member_meteraccount_id")));
            case DR_EVENT -> run(conn, DIRTY + "SELECT DISTINCT client, entity_id FROM customer_row WHERE client = "
                    + "ANY($1)" + ON_CONFLICT, Tuple.of(clients));
            case METER_INSTALL -> run(conn, DIRTY + "SELECT DISTINCT c.client, c.entity_id FROM unnest($1::text[], "
                    + "$2::text[]) AS m(client, meteraccount_id) JOIN customer_row c ON c.client = m.client AND "
                    + "c.meteraccount_id = m.meteraccount_id" + ON_CONFLICT,
                    Tuple.of(clients, column(rows, "meteraccount_id")));
            case RATE_VALUE -> Uni.createFrom().voidItem(); // kept for reference; no CDS field depends on it
        };
    }

    private Uni<Void> markContracts(SqlConnection conn, String[] clients, String[] contractIds) {
        return run(conn, DIRTY + "SELECT DISTINCT c.client, c.entity_id FROM unnest($1::text[], $2::text[]) AS "
                + "k(client, contract_id) JOIN customer_row c ON c.client = k.client AND c.contract_id = k.contract_id"
                + ON_CONFLICT, Tuple.of(clients, contractIds));
    }

    /** SQL matching an attribute owner ({@code alias}.id_type, {@code alias}.id) to customer_row c. */
    static String ownerMatch(String alias, int firstCodeParam) {
        String[] levels = {"c.contract_id", "c.servicepoint_id", "c.premise_id", "c.entity_id", "c.person_id"};
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                sb.append(" OR ");
            }
            sb.append("(").append(alias).append(".id_type = ANY($").append(firstCodeParam + i).append(") AND ")
                    .append(levels[i]).append(" = ").append(alias).append(".id)");
        }
        return sb.append(")").toString();
    }

    /** Appends the five ID_type code arrays (contract, service point, premise, account, person). */
    private Tuple withCodes(Tuple t) {
        for (String[] codes : levelCodes) {
            t.addArrayOfString(codes);
        }
        return t;
    }

    private static Uni<Void> run(SqlConnection conn, String sql, Tuple tuple) {
        return conn.preparedQuery(sql).execute(tuple).replaceWithVoid();
    }

    private static String[] column(List<FactRow> rows, String column) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            values[i] = rows.get(i).value(column);
        }
        return values;
    }

    private static String[] upper(List<String> codes) {
        return codes.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toArray(String[]::new);
    }
}
