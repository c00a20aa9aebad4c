package org.lfenergy.cds.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.PageCursor;

/** The Service Points listing query: access, filters, order {@code cds_modified} desc, keyset paging. */
@ApplicationScoped
public class ServicePointQueries {

    /** Order: cds_modified desc, then id asc (stable tie-break). */
    public static final Keyset ORDER = new Keyset(List.of(
            new Keyset.Column("sp.modified", "timestamptz", false),
            new Keyset.Column("sp.cds_servicepoint_id", "text", true)));

    /** Filters of one request (empty lists = not given). */
    public record Filters(List<String> ids, List<String> numbers, List<String> currentContracts,
                         List<String> previousContracts, String q) {
    }

    private final Pool pool;

    public ServicePointQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit + 1} rows (reversed for a backward cursor). */
    public Uni<List<Row>> list(AccessScope scope, Filters f, PageCursor cursor, int limit) {
        Sql sql = new Sql();
        String current = "(c.contract_end IS NULL OR c.contract_end > now())";
        sql.append("SELECT sp.cds_servicepoint_id, sp.client, sp.servicepoint_number, sp.premise_id, sp.cds_premise_id, ")
                .append("sp.created, sp.modified, sp.modified::text AS modified_text, ")
                .append("attr_value(sp.client, 'SP', sp.servicepoint_number, 'service_address') AS sp_address, ")
                .append("attr_value(sp.client, 'PM', sp.premise_id, 'service_address') AS pm_address, ")
                .append("attr_value(sp.client, 'PM', sp.premise_id, 'city') AS pm_city, ")
                .append("attr_value(sp.client, 'PM', sp.premise_id, 'state') AS pm_state, ")
                .append("attr_value(sp.client, 'PM', sp.premise_id, 'zip') AS pm_zip, ")
                .append("attr_value(sp.client, 'SP', sp.servicepoint_number, 'latitude') AS latitude, ")
                .append("attr_value(sp.client, 'SP', sp.servicepoint_number, 'longitude') AS longitude, ")
                .append("attr_value(sp.client, 'SP', sp.servicepoint_number, 'voltage') AS voltage, ")
                .append("attr_value(sp.client, 'SP', sp.servicepoint_number, 'phase') AS phase, ")
                .append("ARRAY(SELECT DISTINCT coalesce(attr_value(c.client, 'CT', c.contract_id, 'service_type'), '') ")
                .append("FROM contract c WHERE c.cds_servicepoint_id = sp.cds_servicepoint_id) AS service_types, ");
        sql.append("ARRAY(SELECT c.cds_servicecontract_id FROM contract c WHERE c.cds_servicepoint_id = sp.cds_servicepoint_id AND ")
                .append(current);
        appendContractVisible(sql, scope);
        sql.append(" ORDER BY 1) AS current_contracts, ");
        sql.append("ARRAY(SELECT c.cds_servicecontract_id FROM contract c WHERE c.cds_servicepoint_id = sp.cds_servicepoint_id AND NOT ")
                .append(current);
        appendContractVisible(sql, scope);
        sql.append(" ORDER BY 1) AS previous_contracts ");
        sql.append("FROM service_point sp WHERE EXISTS (SELECT 1 FROM contract c WHERE c.cds_servicepoint_id = sp.cds_servicepoint_id");
        scope.appendContractCovered(sql, "c", true);
        sql.append(")");
        if (!f.ids().isEmpty()) {
            sql.append(" AND sp.cds_servicepoint_id = ANY(").appendParam(f.ids().toArray(String[]::new)).append(")");
        }
        if (!f.numbers().isEmpty()) {
            sql.append(" AND sp.servicepoint_number = ANY(").appendParam(f.numbers().toArray(String[]::new)).append(")");
        }
        for (int k = 0; k < 2; k++) {
            List<String> wanted = k == 0 ? f.currentContracts() : f.previousContracts();
            if (wanted.isEmpty()) {
                continue;
            }
            sql.append(" AND EXISTS (SELECT 1 FROM contract c WHERE c.cds_servicepoint_id = sp.cds_servicepoint_id AND ")
                    .append(k == 0 ? current : "NOT " + current)
                    .append(" AND c.cds_servicecontract_id = ANY(").appendParam(wanted.toArray(String[]::new)).append(")");
            appendContractVisible(sql, scope);
            sql.append(")");
        }
        if (f.q() != null) {
            String p = sql.param("%" + escapeLike(f.q()) + "%");
            sql.append(" AND (sp.cds_servicepoint_id ILIKE ").append(p).append(" OR sp.servicepoint_number ILIKE ").append(p);
            if (scope.includes(IncludeField.SERVICE_POINT_ADDRESSES)) {
                sql.append(" OR attr_value(sp.client, 'SP', sp.servicepoint_number, 'service_address') ILIKE ").append(p)
                        .append(" OR attr_value(sp.client, 'PM', sp.premise_id, 'service_address') ILIKE ").append(p)
                        .append(" OR attr_value(sp.client, 'PM', sp.premise_id, 'city') ILIKE ").append(p)
                        .append(" OR attr_value(sp.client, 'PM', sp.premise_id, 'zip') ILIKE ").append(p);
            }
            if (scope.includes(IncludeField.PREMISES)) {
                sql.append(" OR sp.premise_id ILIKE ").append(p);
            }
            sql.append(")");
        }
        return ORDER.page(pool, sql, cursor, limit);
    }

    /** {@code AND contract c may be listed as a related id}. */
    private static void appendContractVisible(Sql sql, AccessScope scope) {
        scope.appendContractCovered(sql, "c", true);
        if (!scope.includes(IncludeField.SERVICE_CONTRACTS)) {
            sql.append(" AND ");
            scope.appendContractSelected(sql, "c");
        }
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
