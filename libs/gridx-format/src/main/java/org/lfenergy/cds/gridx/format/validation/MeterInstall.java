package org.lfenergy.cds.gridx.format.validation;

import java.time.Instant;

/**
 * One install period of a physical meter at a meter account.
 *
 * @param removed exclusive end, null while installed
 */
public record MeterInstall(String meterId, String meterAccountId, Instant installed, Instant removed, String file,
                           long line) {

    /** Whether the half-open periods [installed, removed) share an instant. */
    public boolean overlaps(MeterInstall other) {
        boolean thisStartsBeforeOtherEnds = other.removed == null || installed.isBefore(other.removed);
        boolean otherStartsBeforeThisEnds = removed == null || other.installed.isBefore(removed);
        return thisStartsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }
}
