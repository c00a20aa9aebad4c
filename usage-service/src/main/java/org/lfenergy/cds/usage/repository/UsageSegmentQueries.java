package org.lfenergy.cds.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.PageCursor;

/**
 * The Usage Segments listing: first the page of segment keys (contracts in scope × their interval days, register
 * days and billed periods, in CDS order, keyset-paged), then the stored content of exactly those segments.
 */
@ApplicationScoped
public class UsageSegmentQueries {

    /**
     * CDS order: aggregation_number, account_number, contract_number, segment_start asc, cds_modified desc; then
     * kind, series and interval length make the key unique. Segments of a contract have aggregation_number '' and
     * come first; aggregation segments have account and contract number ''.
     */
    public static final Keyset ORDER = new Keyset(List.of(
            new Keyset.Column("k.agg_number", "text", true),
            new Keyset.Column("k.entity_id", "text", true),
            new Keyset.Column("k.contract_id", "text", true),
            new Keyset.Column("k.seg_start", "timestamptz", true),
            new Keyset.Column("k.modified", "timestamptz", false),
            new Keyset.Column("k.kind", "text", true),
            new Keyset.Column("k.series_key", "text", true),
            new Keyset.Column("k.interval_s", "int", true),
            new Keyset.Column("k.seg_end", "timestamptz", true)));

    /** Filters of one request; time bounds already combined with the grant's window where that applies. */
    public record Filters(List<String> segmentIds, OffsetDateTime before, OffsetDateTime after,
                          List<String> accountIds, List<String> accountNumbers, List<String> contractIds,
                          List<String> contractNumbers, List<String> servicePointIds,
                          List<String> servicePointNumbers, List<String> meterIds, List<String> meterNumbers,
                          OffsetDateTime windowStart, OffsetDateTime windowEnd, List<String> billSectionIds) {
    }

    private final Pool pool;
    private final AggregationQueries aggregations;

    public UsageSegmentQueries(Pool pool, AggregationQueries aggregations) {
        this.pool = pool;
        this.aggregations = aggregations;
    }

    /**
     * The page's segment keys (up to {@code limit + 1}, reversed for a backward cursor): the segments of the
     * contracts in scope with their contract, then the segments of the aggregations in scope (docs §7).
     */
    public Uni<List<Row>> keys(AccessScope scope, Filters f, PageCursor cursor, int limit) {
        Sql sql = new Sql();
        sql.append("SELECT * FROM (");
        appendContractSegmentKeys(sql, scope, f, cursor, limit);
        if (f.accountIds().isEmpty() && f.accountNumbers().isEmpty() && f.contractIds().isEmpty()
                && f.contractNumbers().isEmpty() && f.servicePointIds().isEmpty() && f.servicePointNumbers().isEmpty()
                && f.meterIds().isEmpty() && f.meterNumbers().isEmpty() && f.billSectionIds().isEmpty()) {
            // aggregation segments relate to no account, contract, service point or meter: such filters exclude them
            sql.append(" UNION ALL ");
            aggregations.appendSegmentKeys(sql, scope, f);
        }
        sql.append(") k WHERE TRUE");
        return ORDER.page(pool, sql, cursor, limit);
    }

    /**
     * Appends the columns {@code show_account, show_contract, show_service_point}: whether the contract alias
     * {@code c}'s account, contract and service point ids may be shown as related ids.
     */
    static void appendShowColumns(Sql sql, AccessScope scope, String c) {
        sql.append("(");
        if (scope.includes(IncludeField.ACCOUNTS)) {
            sql.append("TRUE");
        } else {
            scope.appendAccountSelected(sql, c);
        }
        sql.append(") AS show_account, (");
        if (scope.includes(IncludeField.SERVICE_CONTRACTS)) {
            sql.append("TRUE");
        } else {
            scope.appendContractSelected(sql, c);
        }
        sql.append(") AS show_contract, (");
        if (scope.includes(IncludeField.SERVICE_POINTS)
                || (scope.includes(IncludeField.METER_DEVICES) && scope.includes(IncludeField.SERVICE_CONTRACTS))) {
            sql.append("TRUE");
        } else {
            scope.appendServicePointSelected(sql, c);
        }
        sql.append(") AS show_service_point");
    }

    /**
     * {@link #ORDER} inside one contract's branch ({@code x} = the branch's grouped rows, {@code c} = the contract):
     * the cursor predicate and the order are repeated there so that each branch stops after {@code limit + 1} rows.
     */
    private static final Keyset BRANCH_ORDER = ORDER.on(List.of("''::text", "c.entity_id", "c.contract_id",
            "x.seg_start", "x.modified", "x.kind", "x.series_key", "x.interval_s", "x.seg_end"));

    /**
     * The key rows of the contracts' segments. The contracts are restricted first (access scope, the request's
     * account, contract and service point filters, the meters' meter accounts, the cursor's contract); each of their
     * three branches (interval days, register days, billed periods) then reads only the rows after the cursor, in
     * CDS order, and stops after {@code limit + 1} rows, so a page costs about its own size (docs/usage-mapping.md
     * §5.7).
     */
    private static void appendContractSegmentKeys(Sql sql, AccessScope scope, Filters f, PageCursor cursor, int limit) {
        String client = sql.param(scope.filter().gridxClient());
        // The request's meters as Meter_IDs: cds_meterdevice_ids resolved once, meter_numbers as given.
        // OFFSET 0 keeps each lookup on the index of its selective condition in generic plans too (the client alone
        // would select every row of the client).
        String idMeters = f.meterIds().isEmpty() ? null
                : "ARRAY(SELECT md.meter_id FROM (SELECT md.client, md.meter_id FROM meter_device md"
                        + " WHERE md.cds_meterdevice_id = ANY(" + sql.param(f.meterIds().toArray(String[]::new))
                        + "::text[]) OFFSET 0) md WHERE md.client = " + client + ")";
        String numberMeters = f.meterNumbers().isEmpty() ? null
                : sql.param(f.meterNumbers().toArray(String[]::new)) + "::text[]";

        sql.append("SELECT ''::text AS agg_number, NULL::text AS cds_aggregation_id, NULL::text AS agg_kind, ")
                .append("NULL::text AS agg_key, c.client, c.entity_id, c.contract_id, c.meter_account_id, c.cds_account_id, ")
                .append("c.cds_servicecontract_id, c.cds_servicepoint_id, s.kind, s.series_key, s.local_day, ")
                .append("s.interval_s, s.seg_start, s.seg_end, s.created, s.modified, s.segment_id, s.seg_start::text AS seg_start_text, ")
                .append("s.seg_end::text AS seg_end_text, s.modified::text AS modified_text, ");
        appendShowColumns(sql, scope, "c");
        sql.append(" FROM contract c CROSS JOIN LATERAL (");

        String seriesKeys = "(ARRAY['ma:' || c.meter_account_id] || ARRAY(SELECT 'm:' || mi.meter_id FROM meter_install mi"
                + " WHERE mi.client = c.client AND mi.meter_account_id = c.meter_account_id))";
        String dayEnd = "d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s)";
        // Interval days.
        sql.append("(SELECT x.* FROM (SELECT 'i'::text AS kind, d.series_key, d.local_day, d.interval_s, d.day_start AS seg_start, ")
                .append(dayEnd).append(" AS seg_end, ")
                .append("min(d.created) AS created, max(d.modified) AS modified, min(d.segment_id) AS segment_id FROM interval_day d ")
                .append("WHERE d.client = c.client AND d.series_key = ANY(").append(seriesKeys).append(")");
        appendTime(sql, f, "d.day_start", dayEnd, "d.local_day");
        appendCursorBound(sql, cursor, "d.day_start", "d.local_day");
        appendMeters(sql, idMeters, numberMeters, "d.meter_ids");
        if (!f.billSectionIds().isEmpty()) {
            sql.append(" AND FALSE"); // only billed periods relate to bill sections
        }
        sql.append(" GROUP BY d.series_key, d.local_day, d.interval_s, d.day_start, d.slot_count) x");
        appendBranchPage(sql, f, cursor, limit);
        // Days with register reads but no interval rows.
        String regStart = "(r.local_day::timestamp AT TIME ZONE r.time_zone)";
        String regEnd = "((r.local_day + 1)::timestamp AT TIME ZONE r.time_zone)";
        sql.append(" UNION ALL (SELECT x.* FROM (SELECT 'r'::text AS kind, r.series_key, r.local_day, 0 AS interval_s, ")
                .append(regStart).append(" AS seg_start, ").append(regEnd).append(" AS seg_end, min(r.created) AS created, ")
                .append("max(r.modified) AS modified, min(r.segment_id) AS segment_id FROM register_read r ")
                .append("WHERE r.client = c.client AND r.series_key = ANY(").append(seriesKeys).append(")")
                .append(" AND NOT EXISTS (SELECT 1 FROM interval_day d2 WHERE d2.client = r.client")
                .append(" AND d2.series_key = r.series_key AND d2.local_day = r.local_day");
        // r.local_day has the same bounds (appendTime below); repeated on d2 they are constants the planner can prune
        // d2's monthly partitions with (else every partition is planned for each page)
        appendLocalDayBounds(sql, f, "d2.local_day");
        sql.append(")");
        appendTime(sql, f, regStart, regEnd, "r.local_day");
        appendCursorBound(sql, cursor, regStart, "r.local_day");
        appendMeters(sql, idMeters, numberMeters, "ARRAY[r.meter_id]");
        if (!f.billSectionIds().isEmpty()) {
            sql.append(" AND FALSE");
        }
        sql.append(" GROUP BY r.series_key, r.local_day, r.time_zone) x");
        appendBranchPage(sql, f, cursor, limit);
        // Billed periods.
        sql.append(" UNION ALL (SELECT x.* FROM (SELECT 'b'::text AS kind, 'ma:' || b.meter_account_id AS series_key, ")
                .append("NULL::date AS local_day, extract(epoch FROM b.end_at - b.start_at)::int AS interval_s, ")
                .append("b.start_at AS seg_start, b.end_at AS seg_end, min(b.created) AS created, ")
                .append("max(b.modified) AS modified, min(b.segment_id) AS segment_id FROM bill_determinant b WHERE b.client = c.client")
                .append(" AND b.meter_account_id = c.meter_account_id");
        appendTime(sql, f, "b.start_at", "b.end_at", null);
        if (f.windowStart() != null) {
            sql.append(" AND b.start_at >= ").appendParam(f.windowStart());
        }
        if (f.windowEnd() != null) {
            sql.append(" AND b.end_at <= ").appendParam(f.windowEnd());
        }
        appendCursorBound(sql, cursor, "b.start_at", null);
        appendMeters(sql, idMeters, numberMeters, "ARRAY(SELECT mi.meter_id FROM meter_install mi WHERE mi.client = b.client"
                + " AND mi.meter_account_id = b.meter_account_id AND mi.install_at < b.end_at"
                + " AND (mi.removal_at IS NULL OR mi.removal_at > b.start_at))");
        if (!f.billSectionIds().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM bill_period bp WHERE ").append(BILL_OF_PERIOD)
                    .append(" AND bp.cds_billsection_id = ANY(").appendParam(f.billSectionIds().toArray(String[]::new))
                    .append("))");
        }
        sql.append(" GROUP BY b.meter_account_id, b.start_at, b.end_at) x");
        appendBranchPage(sql, f, cursor, limit);
        sql.append(") s WHERE c.client = ").append(client); // also inside the coverage below: lets the scan use it

        scope.appendContractCovered(sql, "c", true);
        inList(sql, "c.cds_account_id", f.accountIds());
        inList(sql, "c.entity_id", f.accountNumbers());
        inList(sql, "c.cds_servicecontract_id", f.contractIds());
        inList(sql, "c.contract_id", f.contractNumbers());
        inList(sql, "c.cds_servicepoint_id", f.servicePointIds());
        inList(sql, "coalesce(c.servicepoint_id, c.meter_account_id)", f.servicePointNumbers());
        if (idMeters != null || numberMeters != null) {
            appendMeterAccounts(sql, f, client, idMeters != null ? idMeters : numberMeters);
        }
        if (cursor != null) {
            // contracts before the cursor's contract (after it, backwards) have no row on this page
            sql.append(" AND (''::text, c.entity_id, c.contract_id) ").append(cursor.backward() ? "<=" : ">=")
                    .append(" (").append(sql.param(cursor.values().get(0))).append("::text, ")
                    .append(sql.param(cursor.values().get(1))).append("::text, ")
                    .append(sql.param(cursor.values().get(2))).append("::text)");
        }
    }

    /**
     * Restricts the contracts to the meter accounts that can have a segment of one of the request's meters: a meter
     * account where such a meter was installed (METERACCOUNTMETER), or whose interval days or register reads (its own
     * series, or a meter series of a meter installed there) name such a meter. A necessary condition only: the
     * branches still test each row's meters.
     */
    private static void appendMeterAccounts(Sql sql, Filters f, String client, String meters) {
        sql.append(" AND c.meter_account_id IN (WITH ms AS (SELECT z.series_key FROM (SELECT d.client, d.series_key")
                .append(" FROM interval_day d WHERE d.meter_ids && ").append(meters);
        appendTime(sql, f, "d.day_start", "d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s)",
                "d.local_day");
        sql.append(" OFFSET 0) z WHERE z.client = ").append(client)
                .append(" UNION SELECT r.series_key FROM register_read r WHERE r.client = ").append(client)
                .append(" AND r.meter_id = ANY(").append(meters).append(")");
        appendTime(sql, f, "(r.local_day::timestamp AT TIME ZONE r.time_zone)",
                "((r.local_day + 1)::timestamp AT TIME ZONE r.time_zone)", "r.local_day");
        sql.append(") SELECT mi.meter_account_id FROM unnest(").append(meters).append(") AS mm(meter_id)")
                .append(" JOIN meter_install mi ON mi.client = ").append(client).append(" AND mi.meter_id = mm.meter_id")
                .append(" UNION SELECT substr(ms.series_key, 4) FROM ms WHERE ms.series_key LIKE 'ma:%'")
                .append(" UNION SELECT mi.meter_account_id FROM ms JOIN meter_install mi ON mi.client = ").append(client)
                .append(" AND mi.meter_id = substr(ms.series_key, 3) WHERE ms.series_key LIKE 'm:%')");
    }

    /**
     * A branch's lower (upper, backwards) bound on its segment start from the cursor: rows of the cursor's own
     * contract start at or after the cursor's segment start. Written as a bound on the column so that the branch can
     * use an index and skip monthly partitions ({@code localDay}: a local day starts within ±14 h of its UTC date).
     */
    private static void appendCursorBound(Sql sql, PageCursor cursor, String start, String localDay) {
        if (cursor == null) {
            return;
        }
        boolean back = cursor.backward();
        String otherContract = "(''::text, c.entity_id, c.contract_id) " + (back ? "<" : ">") + " ("
                + sql.param(cursor.values().get(0)) + "::text, " + sql.param(cursor.values().get(1)) + "::text, "
                + sql.param(cursor.values().get(2)) + "::text)";
        String at = sql.param(cursor.values().get(3)) + "::text::timestamptz";
        sql.append(" AND ").append(start).append(back ? " <= " : " >= ").append("(CASE WHEN ").append(otherContract)
                .append(" THEN '").append(back ? "infinity" : "-infinity").append("'::timestamptz ELSE ").append(at)
                .append(" END)");
        if (localDay != null) {
            sql.append(" AND ").append(localDay).append(back ? " <= " : " >= ").append("(CASE WHEN ").append(otherContract)
                    .append(" THEN '").append(back ? "infinity" : "-infinity").append("'::date ELSE (").append(at)
                    .append(" AT TIME ZONE 'UTC')::date ").append(back ? "+ 2" : "- 2").append(" END)");
        }
    }

    /**
     * Closes a branch over its grouped rows {@code x}: the segment id filter, the rows after the cursor, CDS order
     * and at most {@code limit + 1} rows (the outer query merges the branches and pages with the same cursor).
     */
    private static void appendBranchPage(Sql sql, Filters f, PageCursor cursor, int limit) {
        sql.append(" WHERE TRUE");
        inList(sql, "x.segment_id", f.segmentIds());
        boolean back = cursor != null && cursor.backward();
        if (cursor != null) {
            BRANCH_ORDER.appendAfter(sql, cursor.values(), back);
        }
        sql.append(BRANCH_ORDER.orderBy(back)).append(" LIMIT ").append(Integer.toString(limit + 1)).append(")");
    }

    /**
     * The bill (BILLING row) of a billed period: same meter account, Bill_start_date = the local date of the period's
     * start, Bill_end_date = the local date of its end (alias {@code b} = bill_determinant, {@code bp} = bill_period).
     */
    static final String BILL_OF_PERIOD = "bp.client = b.client AND bp.meter_account_id = b.meter_account_id"
            + " AND bp.start_date = (b.start_at AT TIME ZONE b.time_zone)::date"
            + " AND bp.end_date = (b.end_at AT TIME ZONE b.time_zone)::date";

    /** The bill sections of the given (client, meter account, start, end) billed periods, with their bill dates. */
    public Uni<List<Row>> billSections(String[] clients, String[] meterAccounts, String[] starts, String[] ends) {
        return rows(pool.preparedQuery("""
                SELECT DISTINCT b.client, b.meter_account_id, b.start_at, b.end_at, bp.cds_billsection_id,
                       bp.start_date, bp.end_date
                FROM bill_determinant b
                JOIN unnest($1::text[], $2::text[], $3::text[]::timestamptz[], $4::text[]::timestamptz[])
                     AS k(client, meter_account_id, start_at, end_at)
                  ON b.client = k.client AND b.meter_account_id = k.meter_account_id AND b.start_at = k.start_at
                 AND b.end_at = k.end_at
                JOIN bill_period bp ON\s""" + BILL_OF_PERIOD + """

                ORDER BY bp.cds_billsection_id
                """).execute(Tuple.of(clients, meterAccounts, starts, ends)));
    }

    /**
     * Stored channel days of the given (client, series, day, interval) keys; {@code vals_bin} and {@code quality_bin}
     * are the values and qualities arrays in PostgreSQL's binary form ({@code array_send}: one {@code bytea} per array;
     * PostgreSQL does not format each element as text, the client does not decode a {@code Numeric} per element), read
     * with {@link SqlArrays#decimalTexts(byte[])} (the decimal texts PostgreSQL would print) and
     * {@link SqlArrays#texts(byte[])}.
     */
    public Uni<List<Row>> channelDays(String[] clients, String[] series, String[] days, String[] intervals) {
        LocalDate[] span = span(days);
        return rows(pool.preparedQuery("""
                SELECT d.client, d.series_key, d.local_day, d.interval_s, d.channel, d.meter_ids, d.day_start,
                       array_send(d.vals) AS vals_bin, array_send(d.quality) AS quality_bin
                FROM interval_day d
                JOIN unnest($1::text[], $2::text[], $3::text[]::date[], $4::text[]::int[]) AS k(client, series_key, local_day, interval_s)
                  ON d.client = k.client AND d.series_key = k.series_key AND d.local_day = k.local_day
                 AND d.interval_s = k.interval_s
                WHERE d.client = ANY($5::text[]) AND d.series_key = ANY($6::text[])
                  AND d.local_day BETWEEN $7::date AND $8::date
                """).execute(Tuple.from(List.of(clients, series, days, intervals, distinct(clients), distinct(series),
                span[0], span[1]))));
    }

    /*
     * The content lookups (channelDays above, registerReads and determinants below) join the page's keys (unnest of
     * parameter arrays) and also restate what that join implies: the keys' distinct clients and series (meter
     * accounts) and, for day rows, their first and last day. PostgreSQL cannot see through the unnest when it plans
     * the statement; with these conditions the day bounds prune interval_day's monthly partitions at planning and
     * client and series are index conditions. Joined with the keys alone, a meter-year page's 366 days were a
     * parallel hash join over every row of every partition and its register reads a scan of the whole register_read
     * table (docs/perf/usage-meter-year, change 4). The rows are the same.
     */

    /** The first and last of ISO local dates (at least one). */
    static LocalDate[] span(String[] days) {
        LocalDate first = null;
        LocalDate last = null;
        for (String day : days) {
            LocalDate d = LocalDate.parse(day);
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        return new LocalDate[] {first, last};
    }

    private static String[] distinct(String[] values) {
        return new java.util.LinkedHashSet<>(java.util.Arrays.asList(values)).toArray(String[]::new);
    }

    /** Register reads of the given (client, series, day) keys. */
    public Uni<List<Row>> registerReads(String[] clients, String[] series, String[] days) {
        LocalDate[] span = span(days);
        return rows(pool.preparedQuery("""
                SELECT r.client, r.series_key, r.local_day, r.channel, r.meter_id, r.read_at, r.value
                FROM register_read r
                JOIN unnest($1::text[], $2::text[], $3::text[]::date[]) AS k(client, series_key, local_day)
                  ON r.client = k.client AND r.series_key = k.series_key AND r.local_day = k.local_day
                WHERE r.client = ANY($4::text[]) AND r.series_key = ANY($5::text[])
                  AND r.local_day BETWEEN $6::date AND $7::date
                """).execute(Tuple.from(List.of(clients, series, days, distinct(clients), distinct(series),
                span[0], span[1]))));
    }

    /** Billing determinants of the given (client, meter account, start, end) periods. */
    public Uni<List<Row>> determinants(String[] clients, String[] meterAccounts, String[] starts, String[] ends) {
        return rows(pool.preparedQuery("""
                SELECT b.client, b.meter_account_id, b.start_at, b.end_at, b.channel, b.value, b.quality
                FROM bill_determinant b
                JOIN unnest($1::text[], $2::text[], $3::text[]::timestamptz[], $4::text[]::timestamptz[])
                     AS k(client, meter_account_id, start_at, end_at)
                  ON b.client = k.client AND b.meter_account_id = k.meter_account_id AND b.start_at = k.start_at
                 AND b.end_at = k.end_at
                WHERE b.client = ANY($5::text[]) AND b.meter_account_id = ANY($6::text[])
                """).execute(Tuple.from(List.of(clients, meterAccounts, starts, ends, distinct(clients),
                distinct(meterAccounts)))));
    }

    static void appendTime(Sql sql, Filters f, String start, String end, String localDay) {
        if (f.before() != null) {
            sql.append(" AND ").append(start).append(" <= ").appendParam(f.before());
        }
        if (f.after() != null) {
            sql.append(" AND ").append(end).append(" >= ").appendParam(f.after());
        }
        if (localDay != null) {
            appendLocalDayBounds(sql, f, localDay);
        }
        if (f.windowStart() != null) {
            sql.append(" AND ").append(end).append(" > ").appendParam(f.windowStart());
        }
        if (f.windowEnd() != null) {
            sql.append(" AND ").append(start).append(" < ").appendParam(f.windowEnd());
        }
    }

    /**
     * The local days that can hold a segment inside {@code before}/{@code after} (a local day starts within ±14 h of
     * its UTC date): constant bounds on a {@code local_day} column that let the planner prune monthly partitions.
     */
    static void appendLocalDayBounds(Sql sql, Filters f, String localDay) {
        if (f.before() != null) {
            sql.append(" AND ").append(localDay).append(" <= ").appendParam(f.before().toLocalDate().plusDays(1));
        }
        if (f.after() != null) {
            sql.append(" AND ").append(localDay).append(" >= ").appendParam(f.after().toLocalDate().minusDays(2));
        }
    }

    /** Keeps the rows whose meters (a text[] expression) include one of the request's meters (ids, numbers). */
    private static void appendMeters(Sql sql, String idMeters, String numberMeters, String meterArray) {
        if (idMeters != null) {
            sql.append(" AND ").append(meterArray).append(" && ").append(idMeters);
        }
        if (numberMeters != null) {
            sql.append(" AND ").append(meterArray).append(" && ").append(numberMeters);
        }
    }

    private static void inList(Sql sql, String expr, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(expr).append(" = ANY(").appendParam(values.toArray(String[]::new)).append(")");
        }
    }

    private static Uni<List<Row>> rows(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> set) {
        return set.map(rs -> {
            List<Row> out = new ArrayList<>(rs.size());
            rs.forEach(out::add);
            return out;
        });
    }
}
