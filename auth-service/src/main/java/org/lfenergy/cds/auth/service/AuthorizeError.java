package org.lfenergy.cds.auth.service;

/**
 * A refused authorization request. {@code redirectUri} is set only once client and redirect URI are known to be
 * valid (RFC 6749 §4.1.2.1): then the error goes back to the client; otherwise the customer sees an error page and
 * is never redirected (no open redirect).
 */
public class AuthorizeError extends RuntimeException {

    private final String error;
    private final String redirectUri;
    private final String state;

    public AuthorizeError(String error, String description, String redirectUri, String state) {
        super(description);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** An error shown on the Invalid Request Error page, never redirected. */
    public static AuthorizeError page(String error, String description) {
        return new AuthorizeError(error, description, null, null);
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    /** The validated redirect URI, or null when the error must not be redirected. */
    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }

    public boolean redirectable() {
        return redirectUri != null;
    }
}
