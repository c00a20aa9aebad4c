package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Register row: a cumulative (odometer) reading taken at Datetime_of_interval; Interval_frequency is the
 * reading cadence in minutes. At least one of the two ids is present.
 *
 * @param meterAccountId     null when only Meter_ID is given
 * @param meterId            null when only MeterAccount_ID is given
 * @param datetimeOfInterval the timestamp as sent, placed in {@code timeZone} (start vs end of interval is the
 *                           client's documented convention, not decided here)
 * @param timeZone           Time_zone, or the client's default zone when the column was empty or absent
 * @param dataVersion        Data_version code as sent (see {@link DataVersion})
 */
public record RegisterRecord(String meterAccountId, String meterId, BigDecimal usageValue, LocalDate dateOfInterval,
                             ZonedDateTime datetimeOfInterval, String channel, ZoneId timeZone,
                             int intervalFrequency, String dataVersion) implements GridxRecord, UsageReading {
    @Override
    public GridxFileType type() {
        return GridxFileType.REGISTER;
    }
}
