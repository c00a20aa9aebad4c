package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** State of interval usage and of register reads not yet compared. */
public interface Usage {
    /** Inserts or replaces the interval of the series starting at {@code start}. */
    void saveInterval(UsageKey key, Instant start, int minutes, BigDecimal value);

    /** Sum and coverage of the intervals starting in [from, to). */
    UsageTotal intervalTotal(UsageKey key, Instant from, Instant to);

    void savePendingRegister(RegisterRead read);

    List<RegisterRead> pendingRegisters(UsageKey key);

    /** Forget a register once compared. */
    void removePendingRegister(RegisterRead read);
}
