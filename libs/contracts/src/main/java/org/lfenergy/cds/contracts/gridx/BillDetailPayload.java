package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One Bill Details (BILLINGDETAIL) row: one line item of a bill; all dates inclusive.
 *
 * @param billLineItemField1 free field (proration factor, bill section, internal code…), null if empty
 */
public record BillDetailPayload(
        String billId,
        String contractId,
        @JsonProperty("meteraccount_id") String meterAccountId,
        LocalDate billStartDate,
        LocalDate billEndDate,
        int billYear,
        int billMonth,
        String billLineItemCode,
        String billLineItemDescription,
        BigDecimal billLineItemQuantity,
        String billLineItemUnit,
        BigDecimal billLineItemPrice,
        @JsonProperty("bill_line_item_field_1") String billLineItemField1,
        @JsonProperty("bill_line_item_field_2") String billLineItemField2,
        @JsonProperty("bill_line_item_field_3") String billLineItemField3,
        BigDecimal billLineItemAmount,
        LocalDate billLineItemStartDate,
        LocalDate billLineItemEndDate) implements GridxPayload {
}
