package org.lfenergy.cds.gridx.format.record;

import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Billing Cycle row; dates inclusive.
 *
 * @param numDays null when absent
 */
public record BillingCycleRecord(String readCycle, LocalDate billingCycleStartDate, LocalDate billingCycleEndDate,
                                 int billMonth, int billYear, Integer numDays) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.BILLINGCYCLE;
    }
}
