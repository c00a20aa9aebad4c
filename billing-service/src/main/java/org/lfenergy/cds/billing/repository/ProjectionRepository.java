package org.lfenergy.cds.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.billing.mapping.AccountFacts;
import org.lfenergy.cds.billing.mapping.Fact;
import org.lfenergy.cds.billing.mapping.Projection;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.IsoFormats;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;

/** Reads the facts of a batch of accounts and replaces their CDS objects, within the projector's transaction. */
@ApplicationScoped
public class ProjectionRepository {

    /** The key of one account. */
    public record AccountKey(String client, String entityId) {
    }

    private static final String KEYS = "unnest($1::text[], $2::text[]) AS k(client, entity_id) JOIN customer_row c "
            + "ON c.client = k.client AND c.entity_id = k.entity_id";
    private static final String TIMES = "first_ts, content_ts, seen_ts";

    private final EventCodec codec = EventCodec.shared();
    private final String attributeSql;

    public ProjectionRepository(BillingConfig config) {
        BillingConfig.IdTypes t = config.idTypes();
        String[] columns = {"contract_id", "servicepoint_id", "premise_id", "entity_id", "person_id"};
        List<List<String>> codes = List.of(t.contract(), t.servicePoint(), t.premise(), t.account(), t.person());
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sql.append(" UNION ");
            }
            sql.append("SELECT c.client, c.entity_id, a.data::text AS data, a.first_ts, a.content_ts, a.seen_ts FROM ")
                    .append(KEYS).append(" JOIN attribute a ON a.client = c.client AND a.id = c.").append(columns[i])
                    .append(" AND a.id_type IN (").append(quoted(codes.get(i))).append(")");
        }
        this.attributeSql = sql.toString();
    }

    /** Takes up to {@code limit} dirty accounts (removing them; a rollback puts them back). */
    public Uni<List<AccountKey>> takeDirty(SqlConnection conn, int limit) {
        return conn.preparedQuery("DELETE FROM dirty_account WHERE (client, entity_id) IN (SELECT client, entity_id "
                        + "FROM dirty_account LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING client, entity_id")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<AccountKey> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(new AccountKey(r.getString(0), r.getString(1))));
                    return keys;
                });
    }

    /** Number of accounts waiting to be rebuilt. */
    public Uni<Long> backlog(SqlConnection conn) {
        return conn.query("SELECT count(*) FROM dirty_account").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Every fact of these accounts. */
    public Uni<List<AccountFacts>> load(SqlConnection conn, List<AccountKey> keys) {
        Map<AccountKey, Builder> builders = new LinkedHashMap<>();
        keys.forEach(k -> builders.put(k, new Builder(k)));
        String[] clients = keys.stream().map(AccountKey::client).toArray(String[]::new);
        String[] entities = keys.stream().map(AccountKey::entityId).toArray(String[]::new);
        String[] distinctClients = keys.stream().map(AccountKey::client).distinct().toArray(String[]::new);
        Tuple byKey = Tuple.of(clients, entities);
        return conn.preparedQuery("SELECT c.client, c.entity_id, c.data::text, c." + TIMES.replace(", ", ", c.")
                        + " FROM " + KEYS).execute(byKey)
                .invoke(rows -> collect(rows, builders, CustomerPayload.class, (b, f) -> b.contracts.add(f)))
                .chain(() -> conn.preparedQuery(attributeSql).execute(byKey))
                .invoke(rows -> collect(rows, builders, CustomerAttributePayload.class,
                        (b, f) -> b.attributes.add(f)))
                .chain(() -> conn.preparedQuery("SELECT c.client, c.entity_id, b.data::text, b.first_ts, "
                        + "b.content_ts, b.seen_ts FROM " + KEYS + " JOIN bill b ON b.client = c.client AND "
                        + "b.contract_id = c.contract_id").execute(byKey))
                .invoke(rows -> collect(rows, builders, BillPayload.class, (b, f) -> b.bills.add(f)))
                .chain(() -> conn.preparedQuery("SELECT c.client, c.entity_id, l.data::text, l.first_ts, "
                        + "l.content_ts, l.seen_ts FROM " + KEYS + " JOIN bill_line l ON l.client = c.client AND "
                        + "l.contract_id = c.contract_id").execute(byKey))
                .invoke(rows -> collect(rows, builders, BillDetailPayload.class, (b, f) -> b.lines.add(f)))
                .chain(() -> conn.preparedQuery("SELECT DISTINCT c.client, c.entity_id, n.data::text, n.first_ts, "
                        + "n.content_ts, n.seen_ts FROM " + KEYS + " JOIN network_member n ON n.client = c.client AND "
                        + "(n.member_id = c.contract_id OR n.member_id = c.meteraccount_id "
                        + "OR n.member_meteraccount_id = c.meteraccount_id)").execute(byKey))
                .invoke(rows -> collect(rows, builders, NetworkMemberPayload.class, (b, f) -> b.networks.add(f)))
                .chain(() -> conn.preparedQuery("SELECT DISTINCT c.client, c.entity_id, m.data::text, m.first_ts, "
                        + "m.content_ts, m.seen_ts FROM " + KEYS + " JOIN meter_install m ON m.client = c.client AND "
                        + "m.meteraccount_id = c.meteraccount_id").execute(byKey))
                .invoke(rows -> collect(rows, builders, MeterAccountMeterPayload.class, (b, f) -> b.meters.add(f)))
                .chain(() -> conn.preparedQuery("SELECT client, data::text, " + TIMES
                        + " FROM billing_cycle WHERE client = ANY($1)").execute(Tuple.of(distinctClients)))
                .invoke(rows -> perClient(rows, builders, BillingCyclePayload.class, (b, f) -> b.cycles.add(f)))
                .chain(() -> conn.preparedQuery("SELECT client, data::text, " + TIMES
                        + " FROM dr_event WHERE client = ANY($1)").execute(Tuple.of(distinctClients)))
                .invoke(rows -> perClient(rows, builders, DemandResponseEventPayload.class, (b, f) -> b.events.add(f)))
                .map(x -> builders.values().stream().map(Builder::build).toList());
    }

    private <T> void collect(RowSet<Row> rows, Map<AccountKey, Builder> builders, Class<T> type,
                             BiConsumer<Builder, Fact<T>> add) {
        for (Row r : rows) {
            Builder b = builders.get(new AccountKey(r.getString(0), r.getString(1)));
            if (b != null) {
                add.accept(b, fact(r, 2, type));
            }
        }
    }

    private <T> void perClient(RowSet<Row> rows, Map<AccountKey, Builder> builders, Class<T> type,
                               BiConsumer<Builder, Fact<T>> add) {
        for (Row r : rows) {
            Fact<T> f = fact(r, 1, type);
            String client = r.getString(0);
            builders.values().stream().filter(b -> b.key.client().equals(client)).forEach(b -> add.accept(b, f));
        }
    }

    private <T> Fact<T> fact(Row r, int dataColumn, Class<T> type) {
        T payload = codec.decode(r.getString(dataColumn).getBytes(StandardCharsets.UTF_8), type);
        return new Fact<>(payload, instant(r, dataColumn + 1), instant(r, dataColumn + 2), instant(r, dataColumn + 3));
    }

    private static Instant instant(Row r, int column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t.toInstant();
    }

    /** Replaces the CDS objects of these accounts by their new projections. */
    public Uni<Void> replace(SqlConnection conn, List<Projection> projections) {
        String[] clients = projections.stream().map(Projection::client).toArray(String[]::new);
        String[] entities = projections.stream().map(Projection::entityId).toArray(String[]::new);
        Tuple keys = Tuple.of(clients, entities);
        String where = " WHERE (client, entity_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))";
        return conn.preparedQuery("DELETE FROM account" + where).execute(keys)
                .chain(() -> conn.preparedQuery("DELETE FROM service_contract" + where).execute(keys))
                .chain(() -> conn.preparedQuery("DELETE FROM bill_section" + where).execute(keys))
                .chain(() -> conn.preparedQuery("DELETE FROM bill_statement" + where).execute(keys))
                .chain(() -> insertAccounts(conn, projections))
                .chain(() -> insertContracts(conn, projections))
                .chain(() -> insertSections(conn, projections))
                .chain(() -> insertStatements(conn, projections));
    }

    private Uni<Void> insertAccounts(SqlConnection conn, List<Projection> projections) {
        Columns c = new Columns(14);
        for (Projection p : projections) {
            Projection.AccountRow a = p.account();
            if (a == null) {
                continue;
            }
            c.add(p.client(), p.entityId(), a.cdsAccountId(), a.customerId(), a.customerNumber(), a.accountNumber(),
                    a.accountStatus(), ts(a.times().created()), ts(a.times().modified()), ts(a.times().synced()),
                    a.qNumbers(), a.qDetails(), a.qPrograms(), a.doc().toString());
        }
        return c.insert(conn, "INSERT INTO account (client, entity_id, cds_account_id, customer_id, customer_number, "
                + "account_number, account_status, cds_created, cds_modified, cds_synced, q_numbers, q_details, "
                + "q_programs, doc) SELECT a, b, c, d, e, f, g, h::timestamptz, i::timestamptz, j::timestamptz, k, l, m, "
                + "n::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                + "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) "
                + "AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, n)");
    }

    private Uni<Void> insertContracts(SqlConnection conn, List<Projection> projections) {
        Columns c = new Columns(21);
        for (Projection p : projections) {
            for (Projection.ContractRow r : p.contracts()) {
                c.add(p.client(), r.contractId(), p.entityId(), r.cdsServiceContractId(), r.cdsAccountId(),
                        r.cdsServicePointId(), r.customerId(), r.accountNumber(), r.contractNumber(),
                        r.contractStatus(), String.join(",", r.contractTypes()), String.join(",", r.serviceTypes()),
                        ts(r.times().created()), ts(r.times().modified()), ts(r.times().synced()),
                        r.accountNumber().toLowerCase(Locale.ROOT), r.contractNumber().toLowerCase(Locale.ROOT),
                        r.qDetails(), r.qRates(), r.qPrograms(), r.doc().toString());
            }
        }
        return c.insert(conn, "INSERT INTO service_contract (client, contract_id, entity_id, cds_servicecontract_id, "
                + "cds_account_id, cds_servicepoint_id, customer_id, account_number, contract_number, contract_status, "
                + "contract_types, service_types, cds_created, cds_modified, cds_synced, q_account_number, "
                + "q_contract_number, q_details, q_rates, q_programs, doc) SELECT a, b, c, d, e, f, g, h, i, j, "
                + "string_to_array(k, ','), string_to_array(l, ','), m::timestamptz, n::timestamptz, o::timestamptz, "
                + "p, q, r, s, t, u::json FROM unnest(" + params(21) + ") AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, "
                + "n, o, p, q, r, s, t, u) ON CONFLICT (client, contract_id) DO UPDATE SET entity_id = EXCLUDED.entity_id, "
                + "cds_account_id = EXCLUDED.cds_account_id, cds_servicepoint_id = EXCLUDED.cds_servicepoint_id, "
                + "customer_id = EXCLUDED.customer_id, account_number = EXCLUDED.account_number, "
                + "contract_status = EXCLUDED.contract_status, contract_types = EXCLUDED.contract_types, "
                + "service_types = EXCLUDED.service_types, cds_created = EXCLUDED.cds_created, "
                + "cds_modified = EXCLUDED.cds_modified, cds_synced = EXCLUDED.cds_synced, "
                + "q_account_number = EXCLUDED.q_account_number, q_details = EXCLUDED.q_details, "
                + "q_rates = EXCLUDED.q_rates, q_programs = EXCLUDED.q_programs, doc = EXCLUDED.doc");
    }

    private Uni<Void> insertSections(SqlConnection conn, List<Projection> projections) {
        Columns c = new Columns(17);
        for (Projection p : projections) {
            for (Projection.SectionRow r : p.sections()) {
                c.add(p.client(), r.billId(), p.entityId(), r.cdsBillSectionId(), r.cdsBillStatementId(),
                        r.cdsAccountId(), r.cdsServiceContractId(), r.customerId(), r.accountNumber(),
                        r.contractNumber(), IsoFormats.localDate(r.startDate()), IsoFormats.localDate(r.endDate()),
                        Boolean.toString(r.cancelled()), ts(r.times().created()), ts(r.times().modified()),
                        ts(r.times().synced()), r.doc().toString());
            }
        }
        return c.insert(conn, "INSERT INTO bill_section (client, bill_id, entity_id, cds_billsection_id, "
                + "cds_billstatement_id, cds_account_id, cds_servicecontract_id, customer_id, account_number, "
                + "contract_number, start_date, end_date, cancelled, cds_created, cds_modified, cds_synced, doc) "
                + "SELECT a, b, c, d, e, f, g, h, i, j, k::date, l::date, m::boolean, n::timestamptz, o::timestamptz, "
                + "p::timestamptz, q::json FROM unnest(" + params(17) + ") AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, "
                + "n, o, p, q) ON CONFLICT (client, bill_id) DO UPDATE SET entity_id = EXCLUDED.entity_id, "
                + "cds_billstatement_id = EXCLUDED.cds_billstatement_id, cds_account_id = EXCLUDED.cds_account_id, "
                + "customer_id = EXCLUDED.customer_id, account_number = EXCLUDED.account_number, "
                + "start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, cancelled = EXCLUDED.cancelled, "
                + "cds_created = EXCLUDED.cds_created, cds_modified = EXCLUDED.cds_modified, "
                + "cds_synced = EXCLUDED.cds_synced, doc = EXCLUDED.doc");
    }

    private Uni<Void> insertStatements(SqlConnection conn, List<Projection> projections) {
        Columns c = new Columns(12);
        for (Projection p : projections) {
            for (Projection.StatementRow r : p.statements()) {
                c.add(p.client(), p.entityId(), r.period(), r.cdsBillStatementId(), r.cdsAccountId(), r.customerId(),
                        r.accountNumber(), IsoFormats.localDate(r.statementDate()), ts(r.times().created()),
                        ts(r.times().modified()), ts(r.times().synced()), r.doc().toString());
            }
        }
        return c.insert(conn, "INSERT INTO bill_statement (client, entity_id, period, cds_billstatement_id, "
                + "cds_account_id, customer_id, account_number, statement_date, cds_created, cds_modified, cds_synced, "
                + "doc) SELECT a, b, c, d, e, f, g, h::date, i::timestamptz, j::timestamptz, k::timestamptz, l::json "
                + "FROM unnest(" + params(12) + ") AS x(a, b, c, d, e, f, g, h, i, j, k, l)");
    }

    private static String params(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(i > 1 ? ", " : "").append("$").append(i).append("::text[]");
        }
        return sb.toString();
    }

    private static String ts(Instant i) {
        return IsoFormats.instant(i);
    }

    private static String quoted(List<String> codes) {
        StringBuilder sb = new StringBuilder();
        for (String c : codes) {
            String code = c.trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z0-9_]+")) {
                throw new IllegalArgumentException("ID_type code must be letters, digits or _: " + c);
            }
            sb.append(sb.length() > 0 ? ", " : "").append("'").append(code).append("'");
        }
        return sb.length() == 0 ? "NULL" : sb.toString();
    }

    /** Column-wise arrays of a multi-row insert. */
    private static final class Columns {
        final List<List<String>> columns = new ArrayList<>();

        Columns(int n) {
            for (int i = 0; i < n; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(String... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        Uni<Void> insert(SqlConnection conn, String sql) {
            if (columns.get(0).isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Object> arrays = new ArrayList<>();
            columns.forEach(c -> arrays.add(c.toArray(String[]::new)));
            return conn.preparedQuery(sql).execute(Tuple.from(arrays)).replaceWithVoid();
        }
    }

    private static final class Builder {
        final AccountKey key;
        final List<Fact<CustomerPayload>> contracts = new ArrayList<>();
        final List<Fact<CustomerAttributePayload>> attributes = new ArrayList<>();
        final List<Fact<BillPayload>> bills = new ArrayList<>();
        final List<Fact<BillDetailPayload>> lines = new ArrayList<>();
        final List<Fact<BillingCyclePayload>> cycles = new ArrayList<>();
        final List<Fact<NetworkMemberPayload>> networks = new ArrayList<>();
        final List<Fact<DemandResponseEventPayload>> events = new ArrayList<>();
        final List<Fact<MeterAccountMeterPayload>> meters = new ArrayList<>();

        Builder(AccountKey key) {
            this.key = key;
        }

        AccountFacts build() {
            return new AccountFacts(key.client(), key.entityId(), contracts, attributes, bills, lines, cycles,
                    networks, events, meters);
        }
    }
}
