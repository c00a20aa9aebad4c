package org.lfenergy.cds.contracts.gridx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One Event (EVENT) row: a demand-response event such as a Critical Peak Pricing day.
 *
 * @param ratePlanIdentifier rate(s) concerned, {@code *} for all, null if empty
 * @param eventDuration      "Event duration" in days, null if empty
 * @param eventStartTime     local time of day, null if empty
 * @param eventEndTime       local time of day, null if empty
 */
public record DemandResponseEventPayload(
        String ratePlanIdentifier,
        String eventType,
        String eventSubType,
        LocalDate eventDate,
        BigDecimal eventDuration,
        LocalTime eventStartTime,
        LocalTime eventEndTime) implements GridxPayload {
}
