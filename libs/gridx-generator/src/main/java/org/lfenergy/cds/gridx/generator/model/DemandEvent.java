package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDate;
import java.time.LocalTime;

/** A demand-response event day, e.g. Critical Peak Pricing, for the contracts on a rate plan that enrolled. */
public record DemandEvent(String ratePlan, String type, String subType, LocalDate date, LocalTime start,
                          LocalTime end) {

    /** Local minute of the day the event starts. */
    public int startMinute() {
        return start.getHour() * 60 + start.getMinute();
    }

    /** Local minute of the day the event ends (exclusive). */
    public int endMinute() {
        return end.getHour() * 60 + end.getMinute();
    }
}
