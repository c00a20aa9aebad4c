package org.lfenergy.cds.contracts.gridx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** What interval and register rows share: one reading of one channel of a meter or meter account. */
public interface UsageReading {

    /** MeterAccount_ID, or null when only Meter_ID was sent. */
    String meterAccountId();

    /** Meter_ID, or null when only MeterAccount_ID was sent. */
    String meterId();

    /** Usage_value. */
    BigDecimal usageValue();

    /** Date_of_interval. */
    LocalDate dateOfInterval();

    /** Datetime_of_interval in the row's Time_zone. */
    OffsetDateTime datetimeOfInterval();

    /** The same instant in UTC. */
    Instant datetimeOfIntervalUtc();

    /** Channel. */
    String channel();

    /** Time_zone (IANA id or UTC). */
    String timeZone();

    /** Interval_frequency in minutes. */
    int intervalFrequency();

    /** Data_version (A, E, …). */
    String dataVersion();
}
