package org.lfenergy.cds.contracts.gridx;

import java.time.LocalDate;

/**
 * One Billing Cycle (BILLINGCYCLE) row: one period of a read cycle; dates inclusive.
 *
 * @param numDays null when empty
 */
public record BillingCyclePayload(
        String readCycle,
        LocalDate billingCycleStartDate,
        LocalDate billingCycleEndDate,
        int billMonth,
        int billYear,
        Integer numDays) implements GridxPayload {
}
