package org.lfenergy.cds.gridx.generator.time;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * One billing period of a read cycle.
 *
 * @param start     first day (inclusive)
 * @param end       last day, the meter read date (inclusive)
 * @param billMonth the pricing month: the month of the read
 */
public record CyclePeriod(String readCycle, LocalDate start, LocalDate end, YearMonth billMonth) {

    /** Days in the period, both ends included. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }
}
