package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the validators remember about a bill (one Bill_ID). */
public record BillFacts(String billId, String contractId, String meterAccountId, LocalDate start, LocalDate end,
                        BigDecimal totalAmount, String rateCode, boolean cancelled, String file, long line) {

    public BillFacts asCancelled() {
        return new BillFacts(billId, contractId, meterAccountId, start, end, totalAmount, rateCode, true, file, line);
    }

    /** Same bill content (contract, period, total), ignoring where it was read and whether it is cancelled. */
    public boolean sameContent(BillFacts o) {
        return contractId.equals(o.contractId) && start.equals(o.start) && end.equals(o.end)
                && totalAmount.compareTo(o.totalAmount) == 0;
    }
}
