package org.lfenergy.cds.billing.rest;

/** An API error answered as JSON: {@code {"error", "error_description", "parameter"}}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String parameter;

    public ApiException(int status, String error, String description, String parameter) {
        super(description);
        this.status = status;
        this.error = error;
        this.parameter = parameter;
    }

    /** 400 for a bad URL parameter. */
    public static ApiException badParameter(String parameter, String description) {
        return new ApiException(400, "invalid_request", description, parameter);
    }

    /** 401 for a request without a valid access filter. */
    public static ApiException unauthorized(String description) {
        return new ApiException(401, "unauthorized", description, null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The offending URL parameter, or null. */
    public String parameter() {
        return parameter;
    }
}
