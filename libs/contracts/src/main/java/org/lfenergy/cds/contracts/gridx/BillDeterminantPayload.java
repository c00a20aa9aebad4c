package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One Billing Determinants (BILLDETERMINANTS) row: billed usage of one channel framed by a bill period.
 *
 * @param startTimeOfInterval    in Time_zone, with its offset
 * @param endTimeOfInterval      in Time_zone, with its offset
 * @param startTimeOfIntervalUtc the start in UTC
 * @param endTimeOfIntervalUtc   the end in UTC
 * @param dataVersion            null when empty
 */
public record BillDeterminantPayload(
        @JsonProperty("meteraccount_id") String meterAccountId,
        BigDecimal usageValue,
        OffsetDateTime startTimeOfInterval,
        OffsetDateTime endTimeOfInterval,
        Instant startTimeOfIntervalUtc,
        Instant endTimeOfIntervalUtc,
        String channel,
        String dataVersion,
        String timeZone) implements GridxPayload {
}
