package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** State of interval usage, register readings, and the reading pairs still waiting for interval coverage. */
public interface Usage {
    /** Inserts or replaces the interval of the series starting at {@code start}. */
    void saveInterval(UsageKey key, Instant start, int minutes, BigDecimal value);

    /** Sum and coverage of the intervals starting in [from, to). */
    UsageTotal intervalTotal(UsageKey key, Instant from, Instant to);

    /** The reading of the series at exactly {@code at}, or null. */
    RegisterRead registerAt(UsageKey key, Instant at);

    /** Inserts or replaces the reading of the series at {@code read.at()}. */
    void saveRegister(RegisterRead read);

    /** The latest reading strictly before {@code at}, or null. */
    RegisterRead registerBefore(UsageKey key, Instant at);

    /** The earliest reading strictly after {@code at}, or null. */
    RegisterRead registerAfter(UsageKey key, Instant at);

    /** Remembers that the pair (previous reading, {@code read}) still waits for intervals to cover it. */
    void savePendingRegister(RegisterRead read);

    List<RegisterRead> pendingRegisters(UsageKey key);

    void removePendingRegister(RegisterRead read);
}
