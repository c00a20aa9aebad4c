package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Bill Summary row: one bill segment of a contract.
 *
 * @param billStartDate inclusive
 * @param billEndDate   inclusive (the bill covers up to 23:59:59 of this day)
 * @param isEstimate    null when absent
 * @param isCancellation true when this row cancels the bill with the same Bill_ID
 */
public record BillingRecord(String billId, String servicePointId, String contractId, String meterAccountId,
                            LocalDate billStartDate, LocalDate billEndDate, int billYear, int billMonth,
                            String billRateCode, String billCycleCode, BigDecimal totalBillUsageValue,
                            BigDecimal totalBillAmount, Boolean isEstimate, boolean isCancellation)
        implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.BILLING;
    }
}
