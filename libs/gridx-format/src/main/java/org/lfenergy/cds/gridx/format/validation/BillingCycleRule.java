package org.lfenergy.cds.gridx.format.validation;

import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;

/** Billing cycles of a Read_Cycle are continuous: each starts the day after the previous one ends. */
final class BillingCycleRule {

    private final PeriodContinuity continuity;

    BillingCycleRule(PeriodChains chains) {
        this.continuity = new PeriodContinuity(chains, Rule.XROW_CYCLE_GAP, Rule.XROW_CYCLE_OVERLAP, "billing cycle",
                "Billing_Cycle_Start_Date", "Billing_Cycle_End_Date");
    }

    List<Finding> check(BillingCycleRecord r, String file, long line) {
        // A cycle is identified by its Read_Cycle and start date, so a re-sent cycle replaces itself.
        Period p = new Period(r.billingCycleStartDate().toString(), r.billingCycleStartDate(),
                r.billingCycleEndDate(), file, line);
        return continuity.checkAndSave("cycle:" + r.readCycle(), "Read_Cycle " + r.readCycle(), p);
    }
}
