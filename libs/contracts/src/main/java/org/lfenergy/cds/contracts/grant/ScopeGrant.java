package org.lfenergy.cds.contracts.grant;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One scope of a grant with the access it carries (its effective authorization-details object, resolved).
 *
 * @param scope               the scope id as in the token, e.g. {@code cds_query_usage_1}
 * @param scopeType           the scope description's type, e.g. {@code cds_query_usage}
 * @param enabled             whether the scope is in the grant's {@code enabled_scope} (partial grants)
 * @param coverage            objects selected for this scope
 * @param include             the {@code include_*} fields that are true (scope defaults already applied)
 * @param usageSegmentFormats chosen {@code include_usage_segment_value_types} formats; null = CDS null (segments
 *                            without values), empty = no restriction recorded
 * @param windows             date windows, absolute
 */
public record ScopeGrant(String scope, String scopeType, boolean enabled, Coverage coverage, Set<IncludeField> include,
                         List<String> usageSegmentFormats, DateWindows windows) {

    public ScopeGrant {
        Objects.requireNonNull(scope, "scope");
        coverage = coverage == null ? Coverage.NONE : coverage;
        include = IncludeField.immutableSet(include);
        usageSegmentFormats = usageSegmentFormats == null ? null : List.copyOf(usageSegmentFormats);
        windows = windows == null ? DateWindows.UNBOUNDED : windows;
    }
}
