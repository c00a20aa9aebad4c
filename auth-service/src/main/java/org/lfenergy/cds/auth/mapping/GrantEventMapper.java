package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;
import org.lfenergy.cds.auth.service.scope.ScopeKind;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

/**
 * Grant → the {@code cds.grants.v1} event the gateway builds access filters from. A grant-admin Grant is published
 * with the access of the Grant it proxies (its target), under its own id and client, so a token always resolves
 * to exactly one Grant in the gateway's cache.
 */
@ApplicationScoped
public class GrantEventMapper {

    /** The include fields each scope type treats as true (WG3 §6, "implicit true"). */
    static final Map<String, Set<IncludeField>> IMPLICIT = Map.ofEntries(
            Map.entry("cds_query_accounts", EnumSet.of(IncludeField.ACCOUNTS)),
            Map.entry("cds_query_service_contracts", EnumSet.of(IncludeField.ACCOUNTS, IncludeField.SERVICE_CONTRACTS)),
            Map.entry("cds_query_service_points", EnumSet.of(IncludeField.SERVICE_POINTS)),
            Map.entry("cds_query_meter_devices", EnumSet.of(IncludeField.METER_DEVICES)),
            Map.entry("cds_query_bill_statements", EnumSet.of(IncludeField.BILL_STATEMENTS)),
            Map.entry("cds_query_bill_sections", EnumSet.of(IncludeField.BILL_SECTIONS)),
            Map.entry("cds_query_aggregations", EnumSet.of(IncludeField.AGGREGATIONS)),
            Map.entry("cds_query_usage", EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES)),
            Map.entry("cds_rate_plan", EnumSet.of(IncludeField.SERVICE_CONTRACTS, IncludeField.RATE_PLANS)),
            Map.entry("cds_account_programs", EnumSet.of(IncludeField.ACCOUNTS, IncludeField.ACCOUNT_PROGRAMS)),
            Map.entry("cds_service_programs", EnumSet.of(IncludeField.SERVICE_CONTRACTS, IncludeField.SERVICE_PROGRAMS)),
            Map.entry("cds_accounts", EnumSet.of(IncludeField.ACCOUNTS)),
            Map.entry("cds_service_contracts", EnumSet.of(IncludeField.ACCOUNTS, IncludeField.SERVICE_CONTRACTS)),
            Map.entry("cds_meters", EnumSet.of(IncludeField.METER_DEVICES)),
            Map.entry("cds_bill_statements", EnumSet.of(IncludeField.BILL_STATEMENTS, IncludeField.ACCOUNTS,
                    IncludeField.ACCOUNT_NUMBERS)),
            Map.entry("cds_service_bills", EnumSet.of(IncludeField.BILL_SECTIONS, IncludeField.ACCOUNTS,
                    IncludeField.ACCOUNT_NUMBERS, IncludeField.SERVICE_CONTRACTS, IncludeField.CONTRACT_NUMBERS)),
            Map.entry("cds_usage", EnumSet.of(IncludeField.USAGE_SEGMENTS)));

    private final ScopeCatalog catalog;

    public GrantEventMapper(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param grant  the Grant
     * @param target for a grant-admin Grant, the Grant it proxies (null otherwise)
     */
    public GrantEvent toEvent(Grant grant, Grant target) {
        Grant access = target == null ? grant : target;
        GrantStatus status = status(grant);
        if (target != null && status.allowsAccess()) {
            status = status(target);
        }
        List<String> enabled = List.of(access.enabledScope().isBlank() ? new String[0] : access.enabledScope().split("\\s+"));
        List<ScopeGrant> scopes = new ArrayList<>();
        for (String scopeId : access.scopes()) {
            ScopeDescription scope = catalog.scope(scopeId).orElse(null);
            String type = scope == null ? scopeId : scope.type();
            JsonNode details = detailsOf(access, scopeId);
            Coverage coverage = access.document().has("selections")
                    ? consentCoverage(access.document().get("selections"), scopeId) : coverage(scope, details);
            scopes.add(new ScopeGrant(scopeId, type, enabled.contains(scopeId), coverage,
                    include(type, details), usageFormats(details), windows(details)));
        }
        return new GrantEvent(grant.grantId(), grant.clientId(), status, scopes, utc(grant.created()),
                utc(grant.modified()), dateTime(access.document().get("not_before")),
                dateTime(access.document().get("not_after")), dateTime(access.document().get("expires")),
                tokensNotBefore(grant));
    }

    /** The Grant's own token cut-off (tokens of an expired Credential), published for the gateway. */
    private static OffsetDateTime tokensNotBefore(Grant grant) {
        long epoch = grant.document().path(Grant.TOKENS_NOT_BEFORE).asLong(0);
        return epoch == 0 ? null : OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epoch), java.time.ZoneOffset.UTC);
    }

    private static GrantStatus status(Grant g) {
        return GrantStatus.valueOf(g.status().name());
    }

    private static JsonNode detailsOf(Grant g, String scopeId) {
        for (JsonNode entry : g.enabledAuthorizationDetails().isEmpty() ? g.authorizationDetails() : g.enabledAuthorizationDetails()) {
            if (scopeId.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Direct access: every object unless preselection fields narrow it (by source numbers). */
    static Coverage coverage(ScopeDescription scope, JsonNode details) {
        if (scope == null || scope.kind() != ScopeKind.DIRECT_ACCESS) {
            return Coverage.NONE;
        }
        boolean anyNumbers = AuthorizationDetailsResolver.PRESELECTION.stream()
                .anyMatch(f -> details.has(f) && details.get(f).isArray());
        if (!anyNumbers) {
            return new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL);
        }
        return new Coverage(null, numbers(details, "account_numbers"), numbers(details, "contract_numbers"),
                numbers(details, "servicepoint_numbers"), numbers(details, "meter_numbers"),
                numbers(details, "aggregation_numbers"));
    }

    /**
     * Customer consent: what the customer selected in the scope's Request Section — accounts, contracts, service
     * points and meters by CDS id, aggregations by number (other kinds follow the inclusion rules). Grants approved
     * before per-section selections keep one selection for every scope.
     */
    static Coverage consentCoverage(JsonNode selections, String scopeId) {
        JsonNode section = selections.path("by_scope").path(scopeId);
        JsonNode s = section.isObject() ? section : selections;
        boolean future = s.path("include_future").asBoolean(false);
        List<String> aggregations = new ArrayList<>();
        s.path("aggregations").forEach(v -> aggregations.add(v.asText()));
        return new Coverage(selections.path("customer_id").asText(null), ids(s, "accounts", future),
                ids(s, "service_contracts", future), ids(s, "service_points", false), ids(s, "meter_devices", false),
                aggregations.isEmpty() ? IdSelection.NONE : IdSelection.ofNumbers(aggregations));
    }

    private static IdSelection ids(JsonNode selections, String kind, boolean includeFuture) {
        List<String> values = new ArrayList<>();
        selections.path(kind).forEach(v -> values.add(v.asText()));
        return new IdSelection(false, includeFuture, values, List.of());
    }

    private static IdSelection numbers(JsonNode details, String field) {
        JsonNode list = details.get(field);
        if (list == null || !list.isArray()) {
            return IdSelection.NONE;
        }
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values.contains("_all") ? IdSelection.ALL : IdSelection.ofNumbers(values);
    }

    static Set<IncludeField> include(String type, JsonNode details) {
        Set<IncludeField> out = EnumSet.noneOf(IncludeField.class);
        out.addAll(IMPLICIT.getOrDefault(type, Set.of()));
        details.fields().forEachRemaining(e -> {
            if (e.getKey().equals("include_usage_segment_value_types")) {
                if (!e.getValue().isNull()) {
                    out.add(IncludeField.USAGE_SEGMENT_VALUE_TYPES);
                }
            } else if (e.getKey().startsWith("include_") && e.getValue().asBoolean(false)) {
                IncludeField.fromWireName(e.getKey()).ifPresent(out::add);
            }
        });
        return out;
    }

    private static List<String> usageFormats(JsonNode details) {
        JsonNode formats = details.get("include_usage_segment_value_types");
        if (formats == null) {
            return List.of();
        }
        if (formats.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        formats.forEach(f -> out.add(f.asText()));
        return out;
    }

    private static DateWindows windows(JsonNode d) {
        return new DateWindows(dateTime(d.get("sync_until")), date(d.get("statement_date_start")),
                date(d.get("statement_date_end")), date(d.get("start_date")), date(d.get("end_date")),
                dateTime(d.get("segment_start")), dateTime(d.get("segment_end")));
    }

    private static OffsetDateTime dateTime(JsonNode value) {
        if (value == null || !value.isTextual() || "infinite".equals(value.asText())) {
            return null;
        }
        return OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LocalDate date(JsonNode value) {
        if (value == null || !value.isTextual() || "infinite".equals(value.asText())) {
            return null;
        }
        return LocalDate.parse(value.asText());
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
