package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.BILLING;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Bill Summary rows. */
final class BillingMapper implements RecordMapper {
    private static final int BILL_ID = ColumnRules.index(BILLING, "Bill_ID");
    private static final int SERVICE_POINT_ID = ColumnRules.index(BILLING, "ServicePoint_ID");
    private static final int CONTRACT_ID = ColumnRules.index(BILLING, "Contract_ID");
    private static final int METER_ACCOUNT_ID = ColumnRules.index(BILLING, "MeterAccount_ID");
    private static final int START = ColumnRules.index(BILLING, "Bill_start_date");
    private static final int END = ColumnRules.index(BILLING, "Bill_end_date");
    private static final int YEAR = ColumnRules.index(BILLING, "Bill_year");
    private static final int MONTH = ColumnRules.index(BILLING, "Bill_month");
    private static final int RATE_CODE = ColumnRules.index(BILLING, "Bill_rate_code");
    private static final int CYCLE_CODE = ColumnRules.index(BILLING, "Bill_cycle_code");
    private static final int USAGE = ColumnRules.index(BILLING, "Total_bill_usage_value");
    private static final int AMOUNT = ColumnRules.index(BILLING, "Total_bill_amount");
    private static final int IS_ESTIMATE = ColumnRules.index(BILLING, "Is_estimate");
    private static final int IS_CANCELLATION = ColumnRules.index(BILLING, "Is_cancellation");

    @Override
    public GridxRecord map(RowParser p) {
        String billId = p.required(BILL_ID);
        String servicePointId = p.text(SERVICE_POINT_ID);
        String contractId = p.required(CONTRACT_ID);
        String meterAccountId = p.required(METER_ACCOUNT_ID);
        LocalDate start = p.date(START, true);
        LocalDate end = p.date(END, true);
        p.order(START, start, END, end);
        int year = p.year(YEAR);
        int month = p.month(MONTH);
        String rateCode = p.text(RATE_CODE);
        String cycleCode = p.text(CYCLE_CODE);
        BigDecimal usage = p.decimal(USAGE, true);
        BigDecimal amount = p.decimal(AMOUNT, true);
        Boolean isEstimate = p.flag(IS_ESTIMATE, false);
        Boolean isCancellation = p.flag(IS_CANCELLATION, true);
        if (p.rejected()) {
            return null;
        }
        return new BillingRecord(billId, servicePointId, contractId, meterAccountId, start, end, year, month,
                rateCode, cycleCode, usage, amount, isEstimate, isCancellation);
    }
}
