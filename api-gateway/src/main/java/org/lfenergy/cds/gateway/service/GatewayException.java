package org.lfenergy.cds.gateway.service;

/** Carries a {@link GatewayError} through a failed {@code Uni}; no stack trace (it is an answer, not a bug). */
public final class GatewayException extends RuntimeException {

    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.status() + " " + error.error() + ": " + error.description(), null, false, false);
        this.error = error;
    }

    /** The answer to send. */
    public GatewayError error() {
        return error;
    }
}
