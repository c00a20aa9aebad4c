package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.GridxFileType;

/** A Bill Details row: one line item of a bill; all dates inclusive, the three free fields null when absent. */
public record BillingDetailRecord(String billId, String contractId, String meterAccountId, LocalDate billStartDate,
                                  LocalDate billEndDate, int billYear, int billMonth, String billLineItemCode,
                                  String billLineItemDescription, BigDecimal billLineItemQuantity,
                                  String billLineItemUnit, BigDecimal billLineItemPrice, String billLineItemField1,
                                  String billLineItemField2, String billLineItemField3,
                                  BigDecimal billLineItemAmount, LocalDate billLineItemStartDate,
                                  LocalDate billLineItemEndDate) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.BILLINGDETAIL;
    }
}
