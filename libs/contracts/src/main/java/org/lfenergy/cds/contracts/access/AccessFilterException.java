package org.lfenergy.cds.contracts.access;

/** An {@code X-CDS-Access-Filter} value was refused; the request must be rejected (HTTP 401/403). */
public class AccessFilterException extends RuntimeException {

    /** Why the filter was refused. */
    public enum Reason {
        /** No header value. */
        MISSING,
        /** Not {@code payload.signature}, not base64url, or not a readable filter. */
        MALFORMED,
        /** The signature does not match (tampered, or signed with another key). */
        BAD_SIGNATURE,
        /** {@code expires_at} has passed. */
        EXPIRED,
        /** {@code issued_at} lies in the future beyond the allowed clock skew. */
        NOT_YET_VALID
    }

    private final Reason reason;

    public AccessFilterException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public AccessFilterException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /** Why the filter was refused. */
    public Reason reason() {
        return reason;
    }
}
