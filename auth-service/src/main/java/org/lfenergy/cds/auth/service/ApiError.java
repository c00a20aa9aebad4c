package org.lfenergy.cds.auth.service;

/**
 * A request the server refuses: HTTP status plus an RFC 6749-style {@code error} code and description,
 * rendered as {@code {"error": ..., "error_description": ...}}.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String error;

    public ApiError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public static ApiError badRequest(String description) {
        return new ApiError(400, "invalid_request", description);
    }

    public static ApiError notFound(String description) {
        return new ApiError(404, "not_found", description);
    }

    public static ApiError invalidClient(String description) {
        return new ApiError(401, "invalid_client", description);
    }

    public static ApiError invalidScope(String description) {
        return new ApiError(400, "invalid_scope", description);
    }

    public static ApiError invalidAuthorizationDetails(String description) {
        return new ApiError(400, "invalid_authorization_details", description);
    }

    public static ApiError invalidToken(String description) {
        return new ApiError(401, "invalid_token", description);
    }

    public static ApiError insufficientScope(String description) {
        return new ApiError(403, "insufficient_scope", description);
    }
}
