package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One Register (REGISTER) row: a cumulative (odometer-like) read of one channel.
 *
 * <p>At least one of the two ids is present. Whether the timestamp marks the start or the end of the interval is
 * the client's documented convention; it is published as sent.
 *
 * @param datetimeOfInterval    Datetime_of_interval in Time_zone, with that zone's offset at that moment
 * @param datetimeOfIntervalUtc the same instant in UTC, so consumers need no zone rules
 * @param timeZone              Time_zone as an IANA id or {@code UTC} (the client's default zone when empty)
 * @param intervalFrequency     Interval_frequency in minutes
 */
public record RegisterPayload(
        @JsonProperty("meteraccount_id") String meterAccountId,
        String meterId,
        BigDecimal usageValue,
        LocalDate dateOfInterval,
        OffsetDateTime datetimeOfInterval,
        Instant datetimeOfIntervalUtc,
        String channel,
        String timeZone,
        int intervalFrequency,
        String dataVersion) implements GridxPayload, UsageReading {
}
