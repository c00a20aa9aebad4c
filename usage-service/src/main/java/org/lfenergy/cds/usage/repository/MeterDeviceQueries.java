package org.lfenergy.cds.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.PageCursor;

/**
 * The Meter Devices listing query. A meter is linked to service points through its installs (METERACCOUNTMETER):
 * current while not removed, previous once removed (a meter swap moves the old meter to previous).
 */
@ApplicationScoped
public class MeterDeviceQueries {

    /** Order: cds_modified desc, then id asc. */
    public static final Keyset ORDER = new Keyset(List.of(
            new Keyset.Column("md.modified", "timestamptz", false),
            new Keyset.Column("md.cds_meterdevice_id", "text", true)));

    /** Filters of one request. */
    public record Filters(List<String> ids, List<String> numbers, List<String> currentPoints,
                          List<String> previousPoints, String q) {
    }

    private static final String INSTALLS = " FROM meter_install mi JOIN contract c ON c.client = mi.client"
            + " AND c.meter_account_id = mi.meter_account_id WHERE mi.client = md.client AND mi.meter_id = md.meter_id";
    private static final String CURRENT = "(mi.removal_at IS NULL OR mi.removal_at > now())";

    private final Pool pool;

    public MeterDeviceQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit + 1} rows (reversed for a backward cursor). */
    public Uni<List<Row>> list(AccessScope scope, Filters f, PageCursor cursor, int limit) {
        Sql sql = new Sql();
        sql.append("SELECT md.cds_meterdevice_id, md.meter_id, md.channels, md.min_interval_s, md.created, md.modified, ")
                .append("md.modified::text AS modified_text, ")
                .append("ARRAY(SELECT DISTINCT coalesce(attr_value(c.client, 'CT', c.contract_id, 'service_type'), '')")
                .append(INSTALLS).append(") AS service_types, ");
        sql.append("ARRAY(SELECT DISTINCT c.cds_servicepoint_id").append(INSTALLS).append(" AND ").append(CURRENT);
        appendPointVisible(sql, scope);
        sql.append(" ORDER BY 1) AS current_points, ");
        sql.append("ARRAY(SELECT DISTINCT c.cds_servicepoint_id").append(INSTALLS).append(" AND NOT ").append(CURRENT);
        appendPointVisible(sql, scope);
        sql.append(" AND c.cds_servicepoint_id NOT IN (SELECT c2.cds_servicepoint_id FROM meter_install mi2 JOIN contract c2")
                .append(" ON c2.client = mi2.client AND c2.meter_account_id = mi2.meter_account_id")
                .append(" WHERE mi2.client = md.client AND mi2.meter_id = md.meter_id")
                .append(" AND (mi2.removal_at IS NULL OR mi2.removal_at > now()))");
        sql.append(" ORDER BY 1) AS previous_points ");
        sql.append("FROM meter_device md WHERE EXISTS (SELECT 1").append(INSTALLS).append(" AND ");
        appendMeterCovered(sql, scope);
        sql.append(")");
        if (!f.ids().isEmpty()) {
            sql.append(" AND md.cds_meterdevice_id = ANY(").appendParam(f.ids().toArray(String[]::new)).append(")");
        }
        if (!f.numbers().isEmpty()) {
            sql.append(" AND md.meter_id = ANY(").appendParam(f.numbers().toArray(String[]::new)).append(")");
        }
        for (int k = 0; k < 2; k++) {
            List<String> wanted = k == 0 ? f.currentPoints() : f.previousPoints();
            if (wanted.isEmpty()) {
                continue;
            }
            sql.append(" AND EXISTS (SELECT 1").append(INSTALLS).append(" AND ").append(k == 0 ? CURRENT : "NOT " + CURRENT)
                    .append(" AND c.cds_servicepoint_id = ANY(").appendParam(wanted.toArray(String[]::new)).append(")");
            appendPointVisible(sql, scope);
            sql.append(")");
        }
        if (f.q() != null) {
            String p = sql.param("%" + ServicePointQueries.escapeLike(f.q()) + "%");
            sql.append(" AND (md.cds_meterdevice_id ILIKE ").append(p);
            if (scope.includes(IncludeField.METER_NUMBERS)) {
                sql.append(" OR md.meter_id ILIKE ").append(p);
            }
            sql.append(")");
        }
        return ORDER.page(pool, sql, cursor, limit);
    }

    /** The meter (alias md, install mi, contract c) is covered: customer, and contract-level or meter selection. */
    private static void appendMeterCovered(Sql sql, AccessScope scope) {
        sql.append("(");
        scope.appendCustomer(sql, "c");
        sql.append(" AND (TRUE");
        scope.appendContractCovered(sql, "c", false);
        sql.append(" OR ");
        scope.appendMeterSelected(sql, "md.cds_meterdevice_id", "md.meter_id", "md.created");
        sql.append("))");
    }

    /** {@code AND service point of contract c may be listed as a related id}. */
    private static void appendPointVisible(Sql sql, AccessScope scope) {
        sql.append(" AND ");
        appendMeterCovered(sql, scope);
        if (!scope.includes(IncludeField.SERVICE_POINTS)
                && !(scope.includes(IncludeField.METER_DEVICES) && scope.includes(IncludeField.SERVICE_CONTRACTS))) {
            sql.append(" AND ");
            scope.appendServicePointSelected(sql, "c");
        }
    }
}
