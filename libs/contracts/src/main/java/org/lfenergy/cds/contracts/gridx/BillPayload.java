package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One Bill Summary (BILLING) row: the charges of one contract for one bill period (a bill segment).
 *
 * <p>A cancellation repeats the Bill_ID with {@code is_cancellation = true}; the rebill has a new Bill_ID.
 *
 * @param billStartDate inclusive
 * @param billEndDate   inclusive
 * @param isEstimate    null when the column is empty
 */
public record BillPayload(
        String billId,
        @JsonProperty("servicepoint_id") String servicePointId,
        String contractId,
        @JsonProperty("meteraccount_id") String meterAccountId,
        LocalDate billStartDate,
        LocalDate billEndDate,
        int billYear,
        int billMonth,
        String billRateCode,
        String billCycleCode,
        BigDecimal totalBillUsageValue,
        BigDecimal totalBillAmount,
        Boolean isEstimate,
        boolean isCancellation) implements GridxPayload {
}
