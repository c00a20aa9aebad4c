package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * An Event row (e.g. a Critical Peak Pricing day). Times are local to the client's zone.
 *
 * @param ratePlanIdentifier null when absent; {@code *} means every rate
 * @param eventDuration      duration in days ("Event duration"), null when absent
 */
public record EventRecord(String ratePlanIdentifier, String eventType, String eventSubType, LocalDate eventDate,
                          BigDecimal eventDuration, LocalTime eventStartTime, LocalTime eventEndTime)
        implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.EVENT;
    }
}
