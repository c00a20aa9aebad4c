package org.lfenergy.cds.usage.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.mapping.AggregationKind;
import org.lfenergy.cds.usage.mapping.Json;
import org.lfenergy.cds.usage.mapping.ServicePointMapper;
import org.lfenergy.cds.usage.repository.AggregationQueries;

/**
 * One page of CDS Aggregations (§10.7): the aggregations the grant selects or includes, with the member ids it may
 * see, the anonymity Consent Requirement and, when the aggregation meets it, the scope that gives its data.
 */
@ApplicationScoped
public class AggregationService {

    /** The scope whose usage segments carry an aggregation's data. */
    public static final String DATA_SCOPE = "cds_query_usage";
    /** Id of the Consent Requirement describing the anonymity threshold. */
    public static final String ANONYMITY_REQUIREMENT = "anonymity_threshold";

    private final AggregationQueries queries;
    private final UsageConfig.Aggregations config;

    public AggregationService(AggregationQueries queries, UsageConfig config) {
        this.queries = queries;
        this.config = config.aggregations();
    }

    /** One page (rows fetched = limit + 1 decide the links). */
    public Uni<Page<ObjectNode>> page(AccessScope scope, AggregationQueries.Filters f, PageCursor cursor, int limit) {
        return queries.list(scope, f, cursor, limit).flatMap(rows -> {
            Page<Row> page = Page.of(rows, limit, cursor,
                    r -> List.of(r.getString("modified_text"), r.getString("cds_aggregation_id")));
            if (page.items().isEmpty()) {
                return Uni.createFrom().item(new Page<ObjectNode>(List.of(), null, null));
            }
            String[] clients = page.items().stream().map(r -> r.getString("client")).toArray(String[]::new);
            String[] kinds = page.items().stream().map(r -> r.getString("kind")).toArray(String[]::new);
            String[] keys = page.items().stream().map(r -> r.getString("key")).toArray(String[]::new);
            return queries.members(scope, clients, kinds, keys).map(members -> {
                Map<String, Grouped> grouped = new HashMap<>();
                for (Row m : members) {
                    Grouped g = grouped.computeIfAbsent(key(m), k -> new Grouped());
                    if (Boolean.TRUE.equals(m.getBoolean("show_account"))) {
                        g.accounts.add(m.getString("cds_account_id"));
                    }
                    if (Boolean.TRUE.equals(m.getBoolean("show_contract"))) {
                        g.contracts.add(m.getString("cds_servicecontract_id"));
                    }
                    if (Boolean.TRUE.equals(m.getBoolean("show_service_point"))) {
                        g.servicePoints.add(m.getString("cds_servicepoint_id"));
                    }
                    for (String meter : m.getArrayOfStrings("meters")) {
                        g.meters.add(meter);
                    }
                }
                List<ObjectNode> out = new ArrayList<>();
                for (Row r : page.items()) {
                    out.add(toCds(r, grouped.getOrDefault(key(r), new Grouped()), scope));
                }
                return new Page<>(out, page.next(), page.previous());
            });
        });
    }

    /** Whether an aggregation with this many distinct member customers may have its data served. */
    public boolean meetsThreshold(long customers) {
        return customers >= config.minMembers();
    }

    private ObjectNode toCds(Row r, Grouped g, AccessScope scope) {
        AggregationKind kind = AggregationKind.of(r.getString("kind")).orElseThrow();
        String key = r.getString("key");
        String detail = r.getString("detail");
        String number = r.getString("aggregation_number");
        boolean meets = meetsThreshold(r.getLong("customers"));
        ObjectNode o = Json.object();
        o.put("cds_aggregation_id", r.getString("cds_aggregation_id"));
        o.put("cds_created", Json.utc(r.getOffsetDateTime("created")));
        o.put("cds_modified", Json.utc(r.getOffsetDateTime("modified")));
        o.put("cds_synced", Json.utc(r.getOffsetDateTime("modified")));
        o.set("aggregation_types", Json.strings(kind.types(detail)));
        switch (kind) {
            case BUILDING -> o.set("premise_numbers", Json.strings(List.of(key)));
            case RATE -> o.set("rateplan_code", Json.strings(List.of(key)));
            case PROGRAM -> o.set("account".equals(detail) ? "account_program_numbers" : "service_program_numbers",
                    Json.strings(List.of(key)));
            case NETWORK -> o.set("service_program_numbers", Json.strings(List.of(detail == null ? key : detail)));
            case ZIP -> {
            }
        }
        o.put("aggregation_number", number);
        o.put("scope", meets ? DATA_SCOPE : "");
        ArrayNode details = o.putArray("authorization_details");
        if (meets) {
            ObjectNode d = details.addObject();
            d.put("type", DATA_SCOPE);
            d.set("aggregation_numbers", Json.strings(List.of(number)));
        }
        o.set("grouped_accounts", Json.strings(g.accounts));
        o.set("grouped_servicecontracts", Json.strings(g.contracts));
        o.set("grouped_servicepoints", Json.strings(g.servicePoints));
        o.set("grouped_meterdevices", Json.strings(g.meters));
        o.putArray("grouped_aggregations");
        if (scope.includes(IncludeField.AGGREGATION_ADDRESSES)) {
            String address = kind == AggregationKind.BUILDING ? ServicePointMapper.address(r) : null;
            o.set("grouped_addresses", Json.strings(address == null ? List.of() : List.of(address)));
        }
        ArrayNode regions = o.putArray("grouped_regions");
        if (kind == AggregationKind.ZIP) {
            ObjectNode region = regions.addObject();
            region.put("id", "postal_code." + key);
            region.put("name", "Postal code " + key);
            region.set("types", Json.strings(List.of("postal_code")));
            region.set("postal_codes", Json.strings(List.of(key)));
        }
        ObjectNode req = o.putArray("consent_requirements").addObject();
        req.put("id", ANONYMITY_REQUIREMENT);
        req.put("name", "Data only for at least " + config.minMembers()
                + " customers, none above " + config.maxMemberShare().movePointRight(2).stripTrailingZeros()
                .toPlainString() + " % of a value");
        req.set("types", Json.strings(List.of(meets ? "never" : "always")));
        req.put("documentation", config.consentDocumentation());
        return o;
    }

    private static String key(Row r) {
        return r.getString("client") + "|" + r.getString("kind") + "|" + r.getString("key");
    }

    /** Member ids shown in the grouped_* lists. */
    private static final class Grouped {
        final TreeSet<String> accounts = new TreeSet<>();
        final TreeSet<String> contracts = new TreeSet<>();
        final TreeSet<String> servicePoints = new TreeSet<>();
        final TreeSet<String> meters = new TreeSet<>();
    }
}
