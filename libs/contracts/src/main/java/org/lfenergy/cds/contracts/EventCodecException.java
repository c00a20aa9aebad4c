package org.lfenergy.cds.contracts;

/** An event could not be encoded or decoded (unreadable JSON, wrong shape, I/O). */
public class EventCodecException extends RuntimeException {

    public EventCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
