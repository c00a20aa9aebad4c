package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGCYCLE;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.field.GridxDecimals;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Billing Cycle rows; Num_Days is informative, so a disagreement only warns. */
final class BillingCycleMapper implements RecordMapper {
    private static final int READ_CYCLE = ColumnRules.index(BILLINGCYCLE, "Read_Cycle");
    private static final int START = ColumnRules.index(BILLINGCYCLE, "Billing_Cycle_Start_Date");
    private static final int END = ColumnRules.index(BILLINGCYCLE, "Billing_Cycle_End_Date");
    private static final int MONTH = ColumnRules.index(BILLINGCYCLE, "Bill_Month");
    private static final int YEAR = ColumnRules.index(BILLINGCYCLE, "Bill_Year");
    private static final int NUM_DAYS = ColumnRules.index(BILLINGCYCLE, "Num_Days");

    @Override
    public GridxRecord map(RowParser p) {
        String readCycle = p.required(READ_CYCLE);
        LocalDate start = p.date(START, true);
        LocalDate end = p.date(END, true);
        p.order(START, start, END, end);
        int month = p.month(MONTH);
        int year = p.year(YEAR);
        Integer numDays = null;
        String days = p.text(NUM_DAYS);
        if (days != null) {
            int n = GridxDecimals.parseSmallNonNegativeInt(days);
            if (n < 0) {
                p.add(Rule.ROW_NUM_DAYS, NUM_DAYS, days, "Num_Days '" + days + "' is not a whole number; ignored");
            } else {
                numDays = n;
                if (start != null && end != null && !start.isAfter(end)) {
                    long inclusive = ChronoUnit.DAYS.between(start, end) + 1;
                    if (inclusive != n) {
                        p.add(Rule.ROW_NUM_DAYS, NUM_DAYS, days, "Num_Days " + n + " but the cycle "
                                + start + ".." + end + " has " + inclusive + " days (both dates inclusive)");
                    }
                }
            }
        }
        return p.rejected() ? null : new BillingCycleRecord(readCycle, start, end, month, year, numDays);
    }
}
