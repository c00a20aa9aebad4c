package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGDETAIL;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.validation.Tolerances;

/** Bill Details rows, including the per-line check quantity x price = amount. */
final class BillingDetailMapper implements RecordMapper {
    private static final int BILL_ID = ColumnRules.index(BILLINGDETAIL, "Bill_ID");
    private static final int CONTRACT_ID = ColumnRules.index(BILLINGDETAIL, "Contract_ID");
    private static final int METER_ACCOUNT_ID = ColumnRules.index(BILLINGDETAIL, "MeterAccount_ID");
    private static final int START = ColumnRules.index(BILLINGDETAIL, "Bill_start_date");
    private static final int END = ColumnRules.index(BILLINGDETAIL, "Bill_end_date");
    private static final int YEAR = ColumnRules.index(BILLINGDETAIL, "Bill_year");
    private static final int MONTH = ColumnRules.index(BILLINGDETAIL, "Bill_month");
    private static final int CODE = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_code");
    private static final int DESCRIPTION = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_description");
    private static final int QUANTITY = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_quantity");
    private static final int UNIT = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_unit");
    private static final int PRICE = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_price");
    private static final int FIELD_1 = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_field_1");
    private static final int FIELD_2 = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_field_2");
    private static final int FIELD_3 = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_field_3");
    private static final int AMOUNT = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_amount");
    private static final int ITEM_START = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_start_date");
    private static final int ITEM_END = ColumnRules.index(BILLINGDETAIL, "Bill_line_item_end_date");

    @Override
    public GridxRecord map(RowParser p) {
        String billId = p.required(BILL_ID);
        String contractId = p.required(CONTRACT_ID);
        String meterAccountId = p.required(METER_ACCOUNT_ID);
        LocalDate start = p.date(START, true);
        LocalDate end = p.date(END, true);
        p.order(START, start, END, end);
        int year = p.year(YEAR);
        int month = p.month(MONTH);
        String code = p.required(CODE);
        String description = p.required(DESCRIPTION);
        BigDecimal quantity = p.decimal(QUANTITY, true);
        String unit = p.required(UNIT);
        BigDecimal price = p.decimal(PRICE, true);
        String field1 = p.text(FIELD_1);
        String field2 = p.text(FIELD_2);
        String field3 = p.text(FIELD_3);
        BigDecimal amount = p.decimal(AMOUNT, true);
        LocalDate itemStart = p.date(ITEM_START, true);
        LocalDate itemEnd = p.date(ITEM_END, true);
        p.order(ITEM_START, itemStart, ITEM_END, itemEnd);
        if (quantity != null && price != null && amount != null) {
            BigDecimal expected = quantity.multiply(price);
            if (!Tolerances.lineAmountMatches(expected, amount)) {
                p.add(Rule.ROW_DETAIL_AMOUNT, AMOUNT, p.found(AMOUNT), "Bill_line_item_amount " + amount
                        + " differs from quantity x price = " + quantity + " x " + price + " = "
                        + expected.stripTrailingZeros().toPlainString() + " by more than "
                        + Tolerances.lineAmountTolerance(expected).toPlainString());
            }
        }
        if (p.rejected()) {
            return null;
        }
        return new BillingDetailRecord(billId, contractId, meterAccountId, start, end, year, month, code,
                description, quantity, unit, price, field1, field2, field3, amount, itemStart, itemEnd);
    }
}
