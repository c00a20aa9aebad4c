package org.lfenergy.cds.auth.service.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A validated customer authorization request (WG3 §9.1), from {@code /oauth/authorize} or {@code /oauth/par}.
 * {@code document} holds {@code authorization_details} (resolved, as the Grant will store them), {@code requested}
 * (the effective request with preselection fields, for the form) and the customer login's PKCE verifier.
 *
 * @param status pushed (PAR, not yet used), started (customer sent to login), authenticated, approved, declined
 */
public record AuthorizationRequest(String requestId, String requestUri, String clientId, String redirectUri,
        String state, String codeChallenge, String scope, String status, String browserHash, String csrfToken,
        String customerUserId, String personId, String grantId, Instant created, Instant expiresAt,
        ObjectNode document) {

    public static final String PUSHED = "pushed";
    public static final String STARTED = "started";
    public static final String AUTHENTICATED = "authenticated";
    public static final String APPROVED = "approved";
    public static final String DECLINED = "declined";

    public List<String> scopes() {
        return scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }

    public ArrayNode authorizationDetails() {
        return (ArrayNode) document.withArray("authorization_details");
    }

    public ArrayNode requested() {
        return (ArrayNode) document.withArray("requested");
    }

    /** The Grant a Grant Authorization Request ({@code cds_grant_id}) updates, or null for a new Grant. */
    public String grantIdToAuthorize() {
        return document.path("cds_grant_id").asText(null);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
