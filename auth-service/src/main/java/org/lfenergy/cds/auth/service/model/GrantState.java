package org.lfenergy.cds.auth.service.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Grant status (WG1-02 §8.2) and the transitions this server allows between them. */
public enum GrantState {
    ACTIVE, FUTURE, PENDING, PARTIAL, NEEDS_AUTHORIZATION, NEEDS_SUB_GRANTS, DISABLED, SUSPENDED, REVOKED, CLOSED,
    EXPIRED, DELAYED, STOPPED, ERRORED;

    /** Statuses that end a Grant for good: nothing leaves them. */
    public static final Set<GrantState> FINAL = Set.of(DISABLED, REVOKED, CLOSED, EXPIRED);

    /** Statuses in which a token of the Grant reads nothing. */
    public static final Set<GrantState> NO_ACCESS = Set.of(FUTURE, DISABLED, SUSPENDED, REVOKED, CLOSED, EXPIRED);

    /** The wire name, e.g. {@code needs_authorization}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GrantState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public boolean allowsAccess() {
        return !NO_ACCESS.contains(this);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /**
     * Whether the server may move a Grant from this status to {@code next}: any non-final status may move to any
     * other status; final statuses (disabled, revoked, closed, expired) never change again.
     */
    public boolean canBecome(GrantState next) {
        return !isFinal() && next != this;
    }
}
