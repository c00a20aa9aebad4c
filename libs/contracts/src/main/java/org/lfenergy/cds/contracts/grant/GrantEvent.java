package org.lfenergy.cds.contracts.grant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of {@code cds.grants.v1}: the current state of one CDS grant, published by auth-service on every
 * change. The topic is compacted with key {@code grant_id}, so the last event per grant is its state.
 *
 * <p>Tombstone rule: a grant whose status becomes revoked, closed, expired, … is published as a normal event with
 * that status (so access stops at once and the reason stays visible). Only when auth-service deletes the grant
 * record altogether does it publish a tombstone (key {@code grant_id}, null value); consumers then drop the grant
 * and treat it as unknown, i.e. no access.
 *
 * @param grantId   CDS grant id (the topic key)
 * @param clientId  CDS client id the grant is issued to
 * @param status    grant status
 * @param scopes    each granted scope with its coverage, include flags and windows
 * @param created   when the grant was created
 * @param modified  last modification
 * @param notBefore a future grant becomes active then; null = now
 * @param notAfter  the status becomes expired then; null = never
 * @param expires   access is removed then; null = indefinite
 * @param tokensNotBefore access tokens of this grant issued (JWT {@code iat}) before this instant are void, because
 *                  the client credential that obtained them expired; null = none. Absent in older events.
 */
public record GrantEvent(
        String grantId,
        String clientId,
        GrantStatus status,
        List<ScopeGrant> scopes,
        OffsetDateTime created,
        OffsetDateTime modified,
        OffsetDateTime notBefore,
        OffsetDateTime notAfter,
        OffsetDateTime expires,
        OffsetDateTime tokensNotBefore) {

    public GrantEvent {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(status, "status");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A grant event without voided tokens. */
    public GrantEvent(String grantId, String clientId, GrantStatus status, List<ScopeGrant> scopes,
            OffsetDateTime created, OffsetDateTime modified, OffsetDateTime notBefore, OffsetDateTime notAfter,
            OffsetDateTime expires) {
        this(grantId, clientId, status, scopes, created, modified, notBefore, notAfter, expires, null);
    }

    /**
     * Whether an access token of this grant issued at {@code issuedAt} (JWT {@code iat}; null when the token has
     * none) is still honoured: not when it was issued before {@code tokensNotBefore}.
     */
    public boolean acceptsTokenIssuedAt(Instant issuedAt) {
        if (tokensNotBefore == null) {
            return true;
        }
        return issuedAt != null && !issuedAt.isBefore(tokensNotBefore.toInstant());
    }

    /** The enabled scope with this id, if the grant allows access at {@code now} at all. */
    public Optional<ScopeGrant> usableScope(String scope, Instant now) {
        if (!isUsableAt(now)) {
            return Optional.empty();
        }
        return scopes.stream().filter(s -> s.enabled() && s.scope().equals(scope)).findFirst();
    }

    /** Whether the status allows access and {@code now} is inside not_before / not_after / expires. */
    public boolean isUsableAt(Instant now) {
        if (!status.allowsAccess()) {
            return false;
        }
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            return false;
        }
        if (notAfter != null && !now.isBefore(notAfter.toInstant())) {
            return false;
        }
        return expires == null || now.isBefore(expires.toInstant());
    }
}
