package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The columns Interval and Register rows share. */
public sealed interface UsageReading permits IntervalRecord, RegisterRecord {
    String meterAccountId();

    String meterId();

    BigDecimal usageValue();

    LocalDate dateOfInterval();

    ZonedDateTime datetimeOfInterval();

    String channel();

    ZoneId timeZone();

    int intervalFrequency();

    String dataVersion();

    /** The Data_version as a known code, if it is one. */
    default Optional<DataVersion> knownDataVersion() {
        return DataVersion.fromCode(dataVersion());
    }
}
