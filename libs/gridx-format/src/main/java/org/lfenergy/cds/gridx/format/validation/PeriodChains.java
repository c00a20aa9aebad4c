package org.lfenergy.cds.gridx.format.validation;

import java.time.LocalDate;
import java.util.List;

/** State of continuous period chains; a chain is named, e.g. {@code bill:<Contract_ID>}. */
public interface PeriodChains {
    /** Periods of the chain intersecting [from, to] (inclusive). */
    List<Period> periodsBetween(String chain, LocalDate from, LocalDate to);

    /** The period with the latest start before {@code start}, or null. */
    Period periodBefore(String chain, LocalDate start);

    /** The period with the earliest start after {@code start}, or null. */
    Period periodAfter(String chain, LocalDate start);

    /** Inserts or replaces the period with this id. */
    void savePeriod(String chain, Period period);

    void removePeriod(String chain, String id);
}
