package org.lfenergy.cds.contracts.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

/**
 * What one request may see, built by the api-gateway from the token's grant and passed to billing-service and
 * usage-service in the {@value #HEADER} header (signed, see {@link AccessFilterCodec}); they apply it in SQL.
 *
 * @param grantId             CDS grant id
 * @param clientId            CDS client id of the token
 * @param scopes              the scope(s) exercised by this request
 * @param coverage            objects selected directly (ids per kind, "all", include-future, customer)
 * @param include             the {@code include_*} fields that are true
 * @param usageSegmentFormats chosen usage-segment formats; null = CDS null (no values)
 * @param windows             date windows (null members = unbounded)
 * @param issuedAt            when the gateway built it
 * @param expiresAt           after this the filter is refused (keep it short: seconds, one request)
 */
public record AccessFilter(
        String grantId,
        String clientId,
        List<String> scopes,
        Coverage coverage,
        Set<IncludeField> include,
        List<String> usageSegmentFormats,
        DateWindows windows,
        Instant issuedAt,
        Instant expiresAt) {

    /** The HTTP header that carries the encoded filter from the gateway to a domain service. */
    public static final String HEADER = "X-CDS-Access-Filter";

    public AccessFilter {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        coverage = coverage == null ? Coverage.NONE : coverage;
        include = IncludeField.immutableSet(include);
        usageSegmentFormats = usageSegmentFormats == null ? null : List.copyOf(usageSegmentFormats);
        windows = windows == null ? DateWindows.UNBOUNDED : windows;
    }

    /** The filter for one enabled scope of a grant, valid from {@code now} for {@code ttl}. */
    public static AccessFilter forScope(GrantEvent grant, ScopeGrant scope, Instant now, Duration ttl) {
        return new AccessFilter(grant.grantId(), grant.clientId(), List.of(scope.scope()), scope.coverage(),
                scope.include(), scope.usageSegmentFormats(), scope.windows(), now, now.plus(ttl));
    }

    /** Whether an {@code include_*} field is true. */
    public boolean includes(IncludeField field) {
        return include.contains(field);
    }
}
