package org.lfenergy.cds.billing.repository;

import java.util.List;

/**
 * A fact table: one row per GridX source row, keyed on the row's natural key. Columns are written as text and
 * cast in SQL; the first {@link #keyColumns()} columns form the primary key, the others are derived from the
 * payload (lookup columns), followed by {@code data}, {@code first_ts}, {@code content_ts}, {@code seen_ts}.
 */
public enum FactTable {
    CUSTOMER_ROW("customer_row", 2, "client", "contract_id", "person_id", "entity_id", "premise_id",
            "servicepoint_id", "meteraccount_id"),
    ATTRIBUTE("attribute", 5, "client", "id_type", "id", "key", "start_date:date", "value"),
    BILL("bill", 3, "client", "bill_id", "is_cancellation:boolean", "contract_id"),
    BILL_LINE("bill_line", 3, "client", "bill_id", "line_key", "contract_id"),
    BILLING_CYCLE("billing_cycle", 3, "client", "read_cycle", "start_date:date"),
    RATE_VALUE("rate_value", 4, "client", "rate_plan", "description", "effective_date:date"),
    NETWORK_MEMBER("network_member", 2, "client", "member_key", "member_id", "network_member_type",
            "member_meteraccount_id"),
    DR_EVENT("dr_event", 2, "client", "event_key"),
    METER_INSTALL("meter_install", 4, "client", "meteraccount_id", "meter_id", "install_key");

    private final String table;
    private final int keyColumns;
    private final List<String> columns;
    private final List<String> types;
    private final String upsertSql;

    FactTable(String table, int keyColumns, String... columnSpecs) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.columns = java.util.Arrays.stream(columnSpecs).map(s -> s.split(":")[0]).toList();
        this.types = java.util.Arrays.stream(columnSpecs).map(s -> s.contains(":") ? s.split(":")[1] : "text")
                .toList();
        this.upsertSql = buildUpsert();
    }

    /** Table name. */
    public String table() {
        return table;
    }

    /** Number of leading columns that form the primary key. */
    public int keyColumns() {
        return keyColumns;
    }

    /** Key and lookup columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The batched upsert: one statement for the whole batch (arrays unnested), merging each row with the stored one
     * so that the result does not depend on arrival order: the content of the newest file wins, identical content
     * keeps its earliest file time, first_ts is the earliest and seen_ts the latest file time.
     */
    public String upsertSql() {
        return upsertSql;
    }

    private String buildUpsert() {
        StringBuilder select = new StringBuilder();
        StringBuilder names = new StringBuilder();
        int n = columns.size();
        for (int i = 0; i < n; i++) {
            names.append(columns.get(i)).append(", ");
            select.append("$").append(i + 1).append("::text[]");
            if (!types.get(i).equals("text")) {
                select.append("::").append(types.get(i)).append("[]");
            }
            select.append(", ");
        }
        select.append("$").append(n + 1).append("::text[]::jsonb[], ")
                .append("$").append(n + 2).append("::text[]::timestamptz[], ")
                .append("$").append(n + 3).append("::text[]::timestamptz[], ")
                .append("$").append(n + 4).append("::text[]::timestamptz[]");
        String keep = "t.data = EXCLUDED.data OR EXCLUDED.content_ts < t.content_ts";
        StringBuilder set = new StringBuilder();
        for (int i = keyColumns; i < n; i++) {
            String c = columns.get(i);
            set.append(c).append(" = CASE WHEN ").append(keep).append(" THEN t.").append(c)
                    .append(" ELSE EXCLUDED.").append(c).append(" END, ");
        }
        set.append("data = CASE WHEN ").append(keep).append(" THEN t.data ELSE EXCLUDED.data END, ")
                .append("content_ts = CASE WHEN t.data = EXCLUDED.data THEN LEAST(t.content_ts, EXCLUDED.content_ts)")
                .append(" WHEN EXCLUDED.content_ts >= t.content_ts THEN EXCLUDED.content_ts ELSE t.content_ts END, ")
                .append("first_ts = LEAST(t.first_ts, EXCLUDED.first_ts), ")
                .append("seen_ts = GREATEST(t.seen_ts, EXCLUDED.seen_ts)");
        String conflict = String.join(", ", columns.subList(0, keyColumns));
        return "INSERT INTO " + table + " AS t (" + names + "data, first_ts, content_ts, seen_ts) SELECT * FROM unnest("
                + select + ") ON CONFLICT (" + conflict + ") DO UPDATE SET " + set;
    }
}
