package org.lfenergy.cds.gridx.format.validation;

import java.util.List;
import java.util.Locale;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;

/**
 * Remembers detail lines for the bill-total check and checks that a charge code keeps one meaning per tariff.
 * The tariff is the Bill_rate_code of the line's bill; lines of bills without a known rate code are not checked.
 * The meaning is the description and unit, compared ignoring case and repeated blanks.
 */
final class BillDetailRule {

    private final Bills bills;

    BillDetailRule(Bills bills) {
        this.bills = bills;
    }

    List<Finding> check(BillingDetailRecord r, String file, long line) {
        bills.saveDetailLine(new DetailLine(r.billId(), lineKey(r), r.billLineItemAmount(), file, line));
        BillFacts bill = bills.bill(r.billId());
        String tariff = bill == null ? null : bill.rateCode();
        if (tariff == null) {
            return List.of();
        }
        String meaning = normalise(r.billLineItemDescription()) + " [" + normalise(r.billLineItemUnit()) + "]";
        String known = bills.chargeMeaning(tariff, r.billLineItemCode());
        if (known == null) {
            bills.saveChargeMeaning(tariff, r.billLineItemCode(), meaning);
            return List.of();
        }
        if (!known.equals(meaning)) {
            return List.of(Rule.XROW_CHARGE_CODE_MEANING.finding(file, line, "Bill_line_item_description",
                    r.billLineItemDescription(), "Charge code " + r.billLineItemCode() + " of tariff " + tariff
                            + " already means '" + known + "'; here it means '" + meaning
                            + "' (one charge type per code per tariff)"));
        }
        return List.of();
    }

    private static String lineKey(BillingDetailRecord r) {
        return r.billLineItemCode() + '|' + r.billLineItemStartDate() + '|' + r.billLineItemEndDate() + '|'
                + normalise(r.billLineItemDescription());
    }

    /** Trimmed, lower case, runs of whitespace as one space (hand-rolled: this runs for every detail line). */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean blank = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                blank = b.length() > 0;
                continue;
            }
            if (blank) {
                b.append(' ');
                blank = false;
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
