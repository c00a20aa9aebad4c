package org.lfenergy.cds.contracts.grant;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDS Grant status (CDS-WG1-02 §8) with its access semantics. */
public enum GrantStatus {
    @JsonProperty("active") ACTIVE(true),
    @JsonProperty("future") FUTURE(false),
    @JsonProperty("pending") PENDING(true),
    @JsonProperty("partial") PARTIAL(true),
    @JsonProperty("needs_authorization") NEEDS_AUTHORIZATION(true),
    @JsonProperty("needs_sub_grants") NEEDS_SUB_GRANTS(true),
    @JsonProperty("disabled") DISABLED(false),
    @JsonProperty("suspended") SUSPENDED(false),
    @JsonProperty("revoked") REVOKED(false),
    @JsonProperty("closed") CLOSED(false),
    @JsonProperty("expired") EXPIRED(false),
    @JsonProperty("delayed") DELAYED(true),
    @JsonProperty("stopped") STOPPED(true),
    @JsonProperty("errored") ERRORED(true),
    /** A status this consumer's version does not know: treated as no access (fail closed). */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN(false);

    private final boolean allowsAccess;

    GrantStatus(boolean allowsAccess) {
        this.allowsAccess = allowsAccess;
    }

    /**
     * Whether a token of a grant in this status may read anything at all. Partial statuses still limit access to
     * the enabled scopes ({@link ScopeGrant#enabled()}).
     */
    public boolean allowsAccess() {
        return allowsAccess;
    }
}
