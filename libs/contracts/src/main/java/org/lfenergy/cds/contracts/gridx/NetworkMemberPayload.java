package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One Network (NETWORK) row: one member of an allocation arrangement such as community solar or VNEM.
 *
 * @param networkEndDate    null = open (empty or 9999-12-31)
 * @param percentAllocation fixed allocation percentage (0..100)
 */
public record NetworkMemberPayload(
        String networkType,
        String networkId,
        LocalDate networkStartDate,
        LocalDate networkEndDate,
        String memberId,
        String networkMemberType,
        String memberType,
        BigDecimal percentAllocation,
        LocalDate memberStartDate,
        LocalDate memberEndDate,
        @JsonProperty("member_meteraccount_id") String memberMeterAccountId) implements GridxPayload {
}
