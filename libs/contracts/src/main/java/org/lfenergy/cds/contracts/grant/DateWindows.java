package org.lfenergy.cds.contracts.grant;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The CDS duration fields of a grant (CDS-WG3-01 §7.3), always absolute; null means unbounded ({@code infinite}).
 *
 * @param syncUntil          serve only data valid on or before this time
 * @param statementDateStart Bill Statement {@code statement_date} ≥ this
 * @param statementDateEnd   Bill Statement {@code statement_date} ≤ this
 * @param startDate          Bill Section {@code start_date} ≥ this (CDS field {@code start_date})
 * @param endDate            Bill Section {@code end_date} ≤ this (CDS field {@code end_date})
 * @param segmentStart       Usage Segment {@code segment_start} ≥ this (segments cut by it are trimmed)
 * @param segmentEnd         Usage Segment {@code segment_end} ≤ this (segments cut by it are trimmed)
 */
public record DateWindows(OffsetDateTime syncUntil, LocalDate statementDateStart, LocalDate statementDateEnd,
                          LocalDate startDate, LocalDate endDate, OffsetDateTime segmentStart,
                          OffsetDateTime segmentEnd) {

    /** No limits. */
    public static final DateWindows UNBOUNDED = new DateWindows(null, null, null, null, null, null, null);
}
