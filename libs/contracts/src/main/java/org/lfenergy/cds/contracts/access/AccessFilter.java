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
 * <p>Every selection in {@link #coverage()} (ids, source numbers, {@code all}, include-future) is about the objects of
 * ONE GridX client, {@link #gridxClient()}: source numbers such as an account number are unique only within a GridX
 * client (the {@code CLIENT} of {@code GRIDX_{CLIENT}_...} file names), and {@code all} without a customer means
 * "the whole utility", not "every utility in the read model". A filter without a GridX client cannot be built or
 * decoded (fail closed).
 *
 * @param grantId             CDS grant id
 * @param clientId            CDS client id of the token
 * @param gridxClient         GridX client code whose data the grant is about (the deployment's
 *                            {@code cds.gridx.client}, set by the gateway); never blank
 * @param scopes              the scope(s) exercised by this request
 * @param coverage            objects selected directly (ids per kind, "all", include-future, customer)
 * @param include             the {@code include_*} fields that are true
 * @param usageSegmentFormats chosen usage-segment formats; null = CDS null (no values)
 * @param windows             date windows (null members = unbounded)
 * @param grantCreated        when the grant was created: objects of the coverage's customer created after it are
 *                            selected where a selection has {@code include_future}; null = include-future selects
 *                            nothing
 * @param issuedAt            when the gateway built it
 * @param expiresAt           after this the filter is refused (keep it short: seconds, one request)
 */
public record AccessFilter(
        String grantId,
        String clientId,
        String gridxClient,
        List<String> scopes,
        Coverage coverage,
        Set<IncludeField> include,
        List<String> usageSegmentFormats,
        DateWindows windows,
        Instant grantCreated,
        Instant issuedAt,
        Instant expiresAt) {

    /** The HTTP header that carries the encoded filter from the gateway to a domain service. */
    public static final String HEADER = "X-CDS-Access-Filter";

    public AccessFilter {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(clientId, "clientId");
        if (gridxClient == null || gridxClient.isBlank()) {
            throw new IllegalArgumentException(
                    "an access filter must name the GridX client of its grant (gridx_client)");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        coverage = coverage == null ? Coverage.NONE : coverage;
        include = IncludeField.immutableSet(include);
        usageSegmentFormats = usageSegmentFormats == null ? null : List.copyOf(usageSegmentFormats);
        windows = windows == null ? DateWindows.UNBOUNDED : windows;
    }

    /**
     * The filter for one enabled scope of a grant about the data of GridX client {@code gridxClient}, valid from
     * {@code now} for {@code ttl}.
     */
    public static AccessFilter forScope(GrantEvent grant, ScopeGrant scope, String gridxClient, Instant now,
                                        Duration ttl) {
        return new AccessFilter(grant.grantId(), grant.clientId(), gridxClient, List.of(scope.scope()),
                scope.coverage(), scope.include(), scope.usageSegmentFormats(), scope.windows(), createdOf(grant),
                now, now.plus(ttl));
    }

    /** The grant's creation instant, or null when the event does not carry it. */
    public static Instant createdOf(GrantEvent grant) {
        return grant.created() == null ? null : grant.created().toInstant();
    }

    /** Whether an {@code include_*} field is true. */
    public boolean includes(IncludeField field) {
        return include.contains(field);
    }
}
