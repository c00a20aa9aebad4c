package org.lfenergy.cds.gateway.service;

import io.vertx.core.json.JsonObject;

/**
 * An error answer of the gateway: HTTP status, the RFC 6749/6750 style {@code error} code and description of the
 * JSON body, and the optional {@code WWW-Authenticate} and {@code Retry-After} headers.
 */
public record GatewayError(int status, String error, String description, String wwwAuthenticate, Long retryAfterSeconds) {

    /** The realm named in every Bearer challenge. */
    public static final String REALM = "cds";

    /**
     * 401 without an error code in the challenge: the request carried no bearer token (RFC 6750 §3.1 says no code
     * applies; the JSON body says {@code unauthorized}).
     */
    public static GatewayError missingToken() {
        return new GatewayError(401, "unauthorized", "A bearer access token is required",
                "Bearer realm=\"" + REALM + "\"", null);
    }

    /** 401 {@code invalid_token}: expired, revoked, malformed or otherwise invalid token or grant. */
    public static GatewayError invalidToken(String description) {
        return new GatewayError(401, "invalid_token", description, challenge("invalid_token", description, null), null);
    }

    /** 403 {@code insufficient_scope}: valid token whose grant does not allow this request. */
    public static GatewayError insufficientScope(String description, String scopeHint) {
        return new GatewayError(403, "insufficient_scope", description,
                challenge("insufficient_scope", description, scopeHint), null);
    }

    /** 429 with Retry-After. */
    public static GatewayError rateLimited(long retryAfterSeconds) {
        return new GatewayError(429, "rate_limited", "Too many requests for this client; retry later", null,
                Math.max(1, retryAfterSeconds));
    }

    /** 404 for a path under {@code /cds/v1/} that is not one of the data APIs. */
    public static GatewayError unknownApi(String path) {
        return new GatewayError(404, "not_found", "No CDS data API at " + path, null, null);
    }

    /** 502: the service could not be reached or broke the exchange. */
    public static GatewayError badGateway(String description) {
        return new GatewayError(502, "bad_gateway", description, null, null);
    }

    /** 503 with Retry-After: the gateway or a service cannot answer now. */
    public static GatewayError unavailable(String description, long retryAfterSeconds) {
        return new GatewayError(503, "temporarily_unavailable", description, null, Math.max(1, retryAfterSeconds));
    }

    /** 504: the service did not answer in time. */
    public static GatewayError gatewayTimeout(String description) {
        return new GatewayError(504, "gateway_timeout", description, null, null);
    }

    /** The JSON body: {@code {"error": …, "error_description": …}}. */
    public String body() {
        return new JsonObject().put("error", error).put("error_description", description).encode();
    }

    /** As an exception, for failing a {@code Uni}. */
    public GatewayException exception() {
        return new GatewayException(this);
    }

    private static String challenge(String error, String description, String scope) {
        StringBuilder b = new StringBuilder("Bearer realm=\"").append(REALM).append("\", error=\"").append(error)
                .append("\", error_description=\"").append(quotable(description)).append('"');
        if (scope != null && !scope.isBlank()) {
            b.append(", scope=\"").append(quotable(scope)).append('"');
        }
        return b.toString();
    }

    /** RFC 6750 §3: error_description and scope use printable ASCII without {@code "} and {@code \}. */
    static String quotable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '\'');
        }
        return b.toString();
    }
}
