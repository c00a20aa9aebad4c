package org.lfenergy.cds.auth.service.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A CDS Grant as stored. {@code document} holds authorization_details, enabled_scope,
 * enabled_authorization_details, not_before, not_after, eta, expires, replacing, replaced_by and
 * receipt_confirmations with their API names.
 *
 * @param targetGrantId for a grant-admin Grant: the Grant whose access its tokens proxy
 * @param fingerprint same client + same effective request → same Grant (reused instead of flooding the Grants API)
 * @param keycloakScope the per-grant Keycloak client scope whose mapper puts {@code cds_grant_id} into tokens
 */
public record Grant(String grantId, String registrantId, String clientId, GrantState status, String scope,
        String parentId, String targetGrantId, String fingerprint, String keycloakScope, Instant created,
        Instant modified, long version, ObjectNode document) {

    public List<String> scopes() {
        return scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }

    public ArrayNode authorizationDetails() {
        return (ArrayNode) document.withArray("authorization_details");
    }

    public String enabledScope() {
        return document.path("enabled_scope").asText("");
    }

    public ArrayNode enabledAuthorizationDetails() {
        return (ArrayNode) document.withArray("enabled_authorization_details");
    }

    /** A changed copy: status and document replaced, modified = now, version + 1. */
    public Grant changed(GrantState newStatus, ObjectNode newDocument, Instant now) {
        return new Grant(grantId, registrantId, clientId, newStatus, scope, parentId, targetGrantId, fingerprint,
                keycloakScope, created, now, version + 1, newDocument);
    }

    /** Document member: epoch second before which tokens of this Grant are void (a Credential that got them expired). */
    public static final String TOKENS_NOT_BEFORE = "tokens_not_before";

    /** Whether a token of this Grant issued at {@code iat} (epoch seconds) is still honoured. */
    public boolean acceptsTokenIssuedAt(long iat) {
        return iat >= document.path(TOKENS_NOT_BEFORE).asLong(0);
    }

    public Grant withScope(String newScope) {
        return new Grant(grantId, registrantId, clientId, status, newScope, parentId, targetGrantId, fingerprint,
                keycloakScope, created, modified, version, document);
    }
}
