package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.Instant;

/** A cumulative register reading (an odometer value) of a usage series at one instant. */
public record RegisterRead(UsageKey key, Instant at, BigDecimal value, String file, long line) {

    /** Same series, instant and value: a replay. */
    public boolean sameReading(RegisterRead o) {
        return key.equals(o.key) && at.equals(o.at) && value.compareTo(o.value) == 0;
    }
}
