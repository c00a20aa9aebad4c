package org.lfenergy.cds.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.mapping.AggregationKind;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.PageCursor;

/**
 * The Aggregations listing and the keys and content of aggregation usage segments, computed from the
 * {@code aggregation} registry and the {@code aggregation_member} view at request time (docs/usage-mapping.md §7).
 */
@ApplicationScoped
public class AggregationQueries {

    /** Order: cds_modified desc, then id asc (stable tie-break). */
    public static final Keyset ORDER = new Keyset(List.of(
            new Keyset.Column("x.modified", "timestamptz", false),
            new Keyset.Column("x.cds_aggregation_id", "text", true)));

    /** Separator of the parts of an aggregation segment id: {@code <cds_aggregation_id>.<local day>.<interval>}. */
    public static final String SEGMENT_ID_SEPARATOR = ".";

    /**
     * Filters of one listing request (empty = not given).
     *
     * @param kinds  kinds matched by {@code aggregation_types} (null = no type filter)
     * @param levels program levels matched by {@code aggregation_types} (with {@code kinds})
     */
    public record Filters(List<String> ids, List<String> numbers, List<String> kinds, List<String> levels, String q) {
    }

    private static final String MEMBERS_OF_A = "m.client = a.client AND m.kind = a.kind AND m.key = a.key";

    private final Pool pool;
    private final int minMembers;

    public AggregationQueries(Pool pool, UsageConfig config) {
        this.pool = pool;
        this.minMembers = config.aggregations().minMembers();
    }

    /** The listing page (up to {@code limit + 1} rows, reversed for a backward cursor). */
    public Uni<List<Row>> list(AccessScope scope, Filters f, PageCursor cursor, int limit) {
        Sql sql = new Sql();
        sql.append("SELECT x.* FROM (SELECT a.client, a.kind, a.key, a.cds_aggregation_id, a.aggregation_number, ")
                .append("a.created, g.modified, g.modified::text AS modified_text, g.customers, g.detail, ")
                .append("NULL::text AS sp_address, ")
                .append("CASE WHEN a.kind = 'building' THEN attr_value(a.client, 'PM', a.key, 'service_address') END AS pm_address, ")
                .append("CASE WHEN a.kind = 'building' THEN attr_value(a.client, 'PM', a.key, 'city') END AS pm_city, ")
                .append("CASE WHEN a.kind = 'building' THEN attr_value(a.client, 'PM', a.key, 'state') END AS pm_state, ")
                .append("CASE WHEN a.kind = 'building' THEN attr_value(a.client, 'PM', a.key, 'zip') END AS pm_zip ")
                .append("FROM aggregation a CROSS JOIN LATERAL (SELECT coalesce(max(m.modified), a.created) AS modified, ")
                .append("count(DISTINCT m.person_id) AS customers, max(m.detail) AS detail FROM aggregation_member m WHERE ")
                .append(MEMBERS_OF_A).append(") g WHERE TRUE");
        appendVisible(sql, scope, "a");
        if (!f.ids().isEmpty()) {
            sql.append(" AND a.cds_aggregation_id = ANY(").appendParam(f.ids().toArray(String[]::new)).append(")");
        }
        if (!f.numbers().isEmpty()) {
            sql.append(" AND a.aggregation_number = ANY(").appendParam(f.numbers().toArray(String[]::new)).append(")");
        }
        if (f.kinds() != null) {
            sql.append(" AND (a.kind = ANY(").appendParam(f.kinds().toArray(String[]::new))
                    .append("::text[]) OR (a.kind = 'program' AND coalesce(g.detail, 'service') = ANY(")
                    .appendParam(f.levels().toArray(String[]::new)).append("::text[])))");
        }
        if (f.q() != null) {
            String p = sql.param("%" + ServicePointQueries.escapeLike(f.q()) + "%");
            sql.append(" AND (a.cds_aggregation_id ILIKE ").append(p).append(" OR a.aggregation_number ILIKE ").append(p);
            if (scope.includes(IncludeField.AGGREGATION_ADDRESSES)) {
                sql.append(" OR (a.kind = 'building' AND EXISTS (SELECT 1 FROM attribute at WHERE at.client = a.client")
                        .append(" AND at.id_type = 'PM' AND at.id = a.key AND at.key IN ('service_address', 'city', 'state', 'zip')")
                        .append(" AND at.value ILIKE ").append(p).append("))");
            }
            sql.append(")");
        }
        sql.append(") x WHERE TRUE");
        return ORDER.page(pool, sql, cursor, limit);
    }

    /**
     * The member contracts of the given aggregations that the grant covers, with the ids it may show:
     * {@code show_account}, {@code show_contract}, {@code show_service_point} and the visible meters.
     */
    public Uni<List<Row>> members(AccessScope scope, String[] clients, String[] kinds, String[] keys) {
        Sql sql = new Sql();
        sql.append("SELECT DISTINCT m.client, m.kind, m.key, c.cds_account_id, c.cds_servicecontract_id, ")
                .append("c.cds_servicepoint_id, ARRAY(SELECT mi.cds_meterdevice_id FROM meter_install mi WHERE mi.client = c.client")
                .append(" AND mi.meter_account_id = c.meter_account_id AND ");
        if (scope.includes(IncludeField.METER_DEVICES)) {
            sql.append("TRUE");
        } else {
            scope.appendMeterSelected(sql, "mi.cds_meterdevice_id", "mi.meter_id",
                    "(SELECT md_m.created FROM meter_device md_m WHERE md_m.client = mi.client AND md_m.meter_id = mi.meter_id)");
        }
        sql.append(" ORDER BY 1) AS meters, ");
        UsageSegmentQueries.appendShowColumns(sql, scope, "c");
        sql.append(" FROM unnest(").appendParam(clients).append("::text[], ").appendParam(kinds).append("::text[], ")
                .appendParam(keys).append("::text[]) AS k(client, kind, key)")
                .append(" JOIN aggregation_member m ON m.client = k.client AND m.kind = k.kind AND m.key = k.key")
                .append(" JOIN contract c ON c.client = m.client AND c.contract_id = m.contract_id WHERE TRUE");
        scope.appendContractCovered(sql, "c", true);
        return pool.preparedQuery(sql.text()).execute(sql.tuple()).map(AggregationQueries::toList);
    }

    /**
     * Appends the key rows of the aggregation segments in scope, with the columns of the contract segment keys
     * (UsageSegmentQueries): one segment per (aggregation, local day, interval length) with at least the minimum
     * number of customers contributing, only for aggregations the grant selects or includes.
     */
    void appendSegmentKeys(Sql sql, AccessScope scope, UsageSegmentQueries.Filters f) {
        sql.append("SELECT s.agg_number, s.cds_aggregation_id, s.agg_kind, s.agg_key, s.client, ''::text, ''::text, ")
                .append("NULL::text, NULL::text, NULL::text, NULL::text, 'a'::text, 'agg:' || s.cds_aggregation_id, ")
                .append("s.local_day, s.interval_s, s.seg_start, s.seg_end, s.created, s.modified, s.segment_id, ")
                .append("s.seg_start::text, s.seg_end::text, s.modified::text, FALSE, FALSE, FALSE FROM (")
                .append("SELECT a.aggregation_number AS agg_number, a.cds_aggregation_id, a.kind AS agg_kind, a.key AS agg_key, ")
                .append("a.client, d.local_day, d.interval_s, min(d.day_start) AS seg_start, ")
                .append("max(d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s)) AS seg_end, ")
                .append("min(d.created) AS created, max(greatest(d.modified, m.modified)) AS modified, ")
                .append("a.cds_aggregation_id || '").append(SEGMENT_ID_SEPARATOR).append("' || d.local_day::text || '")
                .append(SEGMENT_ID_SEPARATOR).append("' || d.interval_s::text AS segment_id ")
                .append("FROM aggregation a JOIN aggregation_member m ON ").append(MEMBERS_OF_A)
                .append(" JOIN interval_day d ON d.client = m.client AND d.series_key = 'ma:' || m.meter_account_id")
                .append(" AND (m.valid_from IS NULL OR d.local_day >= m.valid_from)")
                .append(" AND (m.valid_to IS NULL OR d.local_day < m.valid_to) WHERE TRUE");
        if (!scope.showsUsageSegments()) {
            sql.append(" AND FALSE");
        }
        appendVisible(sql, scope, "a");
        UsageSegmentQueries.appendTime(sql, f, "d.day_start",
                "d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s)", "d.local_day");
        if (!f.segmentIds().isEmpty()) {
            List<String> aggIds = new ArrayList<>();
            List<String> days = new ArrayList<>();
            List<String> intervals = new ArrayList<>();
            for (String id : f.segmentIds()) {
                String[] p = id.split("\\.", -1);
                if (p.length == 3 && p[1].matches("\\d{4}-\\d{2}-\\d{2}") && p[2].matches("\\d{1,9}")) {
                    aggIds.add(p[0]);
                    days.add(p[1]);
                    intervals.add(p[2]);
                }
            }
            sql.append(" AND (a.cds_aggregation_id, d.local_day::text, d.interval_s::text) IN (SELECT * FROM unnest(")
                    .appendParam(aggIds.toArray(String[]::new)).append("::text[], ")
                    .appendParam(days.toArray(String[]::new)).append("::text[], ")
                    .appendParam(intervals.toArray(String[]::new)).append("::text[]))");
        }
        sql.append(" GROUP BY a.aggregation_number, a.cds_aggregation_id, a.kind, a.key, a.client, d.local_day, d.interval_s")
                .append(" HAVING count(DISTINCT m.person_id) >= ").appendParam(minMembers).append(") s");
    }

    /**
     * The summed slots of the given aggregation days: per (aggregation, day, interval, channel, slot) the total of
     * the members' values, the number of customers with a value, the largest customer's magnitude, the sum of the
     * customers' magnitudes and the Data_versions seen ({@code versions}, comma-separated).
     */
    public Uni<List<Row>> slots(String[] clients, String[] kinds, String[] keys, String[] days, String[] intervals) {
        return pool.preparedQuery("""
                WITH k AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]::date[], $5::text[]::int[])
                           AS k(client, kind, key, local_day, interval_s)),
                v AS (SELECT k.client, k.kind, k.key, k.local_day, k.interval_s, d.channel, m.person_id, u.i,
                             sum(u.v) AS v, string_agg(DISTINCT coalesce(u.q, ''), ',') AS versions
                      FROM k
                      JOIN aggregation_member m ON m.client = k.client AND m.kind = k.kind AND m.key = k.key
                       AND (m.valid_from IS NULL OR k.local_day >= m.valid_from)
                       AND (m.valid_to IS NULL OR k.local_day < m.valid_to)
                      JOIN interval_day d ON d.client = m.client AND d.series_key = 'ma:' || m.meter_account_id
                       AND d.local_day = k.local_day AND d.interval_s = k.interval_s
                      CROSS JOIN LATERAL unnest(d.vals, d.quality) WITH ORDINALITY AS u(v, q, i)
                      WHERE u.v IS NOT NULL
                      GROUP BY k.client, k.kind, k.key, k.local_day, k.interval_s, d.channel, m.person_id, u.i)
                SELECT client, kind, key, local_day, interval_s, channel, i::int AS slot, sum(v) AS total,
                       count(*)::int AS customers, max(abs(v)) AS largest, sum(abs(v)) AS magnitude,
                       string_agg(versions, ',') AS versions
                FROM v GROUP BY client, kind, key, local_day, interval_s, channel, i
                """).execute(Tuple.of(clients, kinds, keys, days, intervals)).map(AggregationQueries::toList);
    }

    /**
     * Appends {@code AND (aggregation alias a is visible)}: it belongs to the filter's GridX client, and the grant
     * selects it (and, for a customer's grant, the
     * customer is a member), or the grant includes aggregations and a contract it covers is a member (CDS §7.2).
     */
    static void appendVisible(Sql sql, AccessScope scope, String a) {
        String members = " FROM aggregation_member vm JOIN contract vc ON vc.client = vm.client AND vc.contract_id = vm.contract_id"
                + " WHERE vm.client = " + a + ".client AND vm.kind = " + a + ".kind AND vm.key = " + a + ".key";
        if (!scope.showsAggregations()) {
            sql.append(" AND FALSE");
            return;
        }
        // Only the filter's GridX client: a direct-access grant selects "all" or numbers without a customer.
        sql.append(" AND ").append(a).append(".client = ").appendParam(scope.filter().gridxClient());
        sql.append(" AND ((");
        scope.appendAggregationSelected(sql, a + ".cds_aggregation_id", a + ".aggregation_number");
        if (scope.filter().coverage().customerId() != null) {
            sql.append(" AND EXISTS (SELECT 1").append(members).append(" AND ");
            scope.appendCustomer(sql, "vc");
            sql.append(")");
        }
        sql.append(")");
        if (scope.includes(IncludeField.AGGREGATIONS)) {
            sql.append(" OR EXISTS (SELECT 1").append(members);
            scope.appendContractCovered(sql, "vc", true);
            sql.append(")");
        }
        sql.append(")");
    }

    /** The kinds an {@code aggregation_types} filter matches (any overlap), and for programs the levels. */
    public static Filters typeFilter(List<String> ids, List<String> numbers, List<String> types, String q) {
        if (types.isEmpty()) {
            return new Filters(ids, numbers, null, null, q);
        }
        List<String> kinds = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (AggregationKind k : AggregationKind.values()) {
            if (k == AggregationKind.PROGRAM) {
                for (String level : List.of("account", "service")) {
                    if (types.stream().anyMatch(k.types(level)::contains)) {
                        levels.add(level);
                    }
                }
            } else if (types.stream().anyMatch(k.types(null)::contains)) {
                kinds.add(k.code());
            }
        }
        return new Filters(ids, numbers, kinds, levels, q);
    }

    private static List<Row> toList(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Row> out = new ArrayList<>(rs.size());
        rs.forEach(out::add);
        return out;
    }
}
