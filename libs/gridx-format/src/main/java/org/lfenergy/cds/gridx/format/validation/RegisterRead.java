package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.Instant;

/** A register row's usage over [start, start + minutes), remembered until intervals cover its window. */
public record RegisterRead(UsageKey key, Instant start, int minutes, BigDecimal value, String file, long line) {

    public Instant end() {
        return start.plusSeconds(minutes * 60L);
    }
}
