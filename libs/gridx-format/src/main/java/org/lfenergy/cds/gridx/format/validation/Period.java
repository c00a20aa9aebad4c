package org.lfenergy.cds.gridx.format.validation;

import java.time.LocalDate;

/** An inclusive date range in a chain of periods (bills of a contract, cycles of a Read_Cycle). */
public record Period(String id, LocalDate start, LocalDate end, String file, long line) {

    public boolean overlaps(Period o) {
        return !start.isAfter(o.end) && !o.start.isAfter(end);
    }
}
