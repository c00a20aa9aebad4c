package org.lfenergy.cds.usage.rest;

/** A request parameter the API cannot accept; answered 400 with a JSON body naming the parameter. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending URL parameter. */
    public String parameter() {
        return parameter;
    }
}
