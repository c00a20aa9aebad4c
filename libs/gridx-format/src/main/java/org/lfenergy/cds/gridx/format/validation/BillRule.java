package org.lfenergy.cds.gridx.format.validation;

import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.BillingRecord;

/**
 * Bill identity, cancel/rebill and continuity per contract. A Bill_ID is unique except for its cancellation;
 * a cancellation must name a bill already received; the rebill must use a new Bill_ID. An identical re-sent row
 * is a replay and changes nothing.
 */
final class BillRule {

    private final Bills bills;
    private final PeriodChains chains;
    private final PeriodContinuity continuity;

    BillRule(Bills bills, PeriodChains chains) {
        this.bills = bills;
        this.chains = chains;
        this.continuity = new PeriodContinuity(chains, Rule.XROW_BILL_GAP, Rule.XROW_BILL_OVERLAP, "bill",
                "Bill_start_date", "Bill_end_date");
    }

    static String chain(String contractId) {
        return "bill:" + contractId;
    }

    List<Finding> check(BillingRecord r, String file, long line) {
        BillFacts existing = bills.bill(r.billId());
        if (r.isCancellation()) {
            return cancel(r, existing, file, line);
        }
        BillFacts incoming = new BillFacts(r.billId(), r.contractId(), r.meterAccountId(), r.billStartDate(),
                r.billEndDate(), r.totalBillAmount(), r.billRateCode(), false, file, line);
        if (existing != null) {
            if (existing.sameContent(incoming)) {
                // A replay of the original row (also after its cancellation): nothing changes. A rebill with the
                // very same content under the same id cannot be told apart from a replay, and changes nothing either.
                return List.of();
            }
            if (existing.cancelled()) {
                return List.of(Rule.XROW_REBILL_SAME_ID.finding(file, line, "Bill_ID", r.billId(), "Bill "
                        + r.billId() + " was cancelled; a rebill must come with a new Bill_ID"));
            }
            return List.of(Rule.XROW_BILL_ID_REUSED.finding(file, line, "Bill_ID", r.billId(), "Bill " + r.billId()
                    + " was already received with different content (" + existing.file() + " line " + existing.line()
                    + "); a Bill_ID is unique except for its cancellation - correct a bill by cancel/rebill"));
        }
        List<Finding> findings = continuity.checkAndSave(chain(r.contractId()), "contract " + r.contractId(),
                new Period(r.billId(), r.billStartDate(), r.billEndDate(), file, line));
        bills.saveBill(incoming);
        return findings;
    }

    private List<Finding> cancel(BillingRecord r, BillFacts existing, String file, long line) {
        if (existing == null) {
            return List.of(Rule.XROW_CANCEL_UNKNOWN_BILL.finding(file, line, "Bill_ID", r.billId(), "Cancellation of bill "
                    + r.billId() + " which was never received (send the bill before its cancellation)"));
        }
        if (!existing.contractId().equals(r.contractId())) {
            return List.of(Rule.XROW_BILL_ID_REUSED.finding(file, line, "Contract_ID", r.contractId(), "Cancellation of bill "
                    + r.billId() + " names contract " + r.contractId() + " but the bill belongs to contract "
                    + existing.contractId()));
        }
        if (!existing.cancelled()) {
            bills.saveBill(existing.asCancelled());
            chains.removePeriod(chain(existing.contractId()), existing.billId());
        }
        return List.of();
    }
}
