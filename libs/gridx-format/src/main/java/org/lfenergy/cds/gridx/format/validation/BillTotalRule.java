package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;

/**
 * For each bill touched by a file, once both the bill and its detail lines are known: the sum of the line amounts
 * equals the bill's Total_bill_amount (within a cent). Checked at the end of a file, because lines arrive one by
 * one and a bill's summary and details come in different files, in either order.
 */
final class BillTotalRule {

    private final Bills bills;

    BillTotalRule(Bills bills) {
        this.bills = bills;
    }

    /**
     * @param touched bill id → line in this file that last mentioned it
     * @param detailFile whether the file is a Bill Details file (else a Bill Summary file)
     */
    List<Finding> check(String file, Map<String, Long> touched, boolean detailFile) {
        List<Finding> findings = new ArrayList<>(0);
        for (Map.Entry<String, Long> e : touched.entrySet()) {
            String billId = e.getKey();
            long line = e.getValue();
            BillFacts bill = bills.bill(billId);
            if (bill == null) {
                if (detailFile) {
                    findings.add(Rule.XROW_DETAIL_UNKNOWN_BILL.finding(file, line, "Bill_ID", billId, "Bill " + billId
                            + " has detail lines but no Bill Summary row yet; its total cannot be checked"));
                }
                continue;
            }
            List<DetailLine> lines = bills.detailLines(billId);
            if (bill.cancelled() || lines.isEmpty()) {
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (DetailLine l : lines) {
                sum = sum.add(l.amount());
            }
            if (!Tolerances.billTotalMatches(sum, bill.totalAmount())) {
                String column = detailFile ? "Bill_line_item_amount" : "Total_bill_amount";
                String value = detailFile ? sum.toPlainString() : bill.totalAmount().toPlainString();
                findings.add(Rule.XROW_DETAIL_SUM.finding(file, line, column, value, "The " + lines.size()
                        + " line amounts of bill " + billId + " add up to " + sum.toPlainString()
                        + " but its Total_bill_amount is " + bill.totalAmount().toPlainString()));
            }
        }
        return findings;
    }
}
