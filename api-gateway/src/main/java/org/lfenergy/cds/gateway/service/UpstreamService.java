package org.lfenergy.cds.gateway.service;

/** The services the gateway forwards to. */
public enum UpstreamService {
    AUTH("auth-service"),
    BILLING("billing-service"),
    USAGE("usage-service");

    private final String displayName;

    UpstreamService(String displayName) {
        this.displayName = displayName;
    }

    /** The service's name as used in logs, metrics and error descriptions. */
    public String displayName() {
        return displayName;
    }
}
