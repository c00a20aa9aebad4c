package org.lfenergy.cds.gridx.format.validation;

import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;

/**
 * Contract_ID is 1:1 with MeterAccount_ID for all time. A Customer row breaking the pairing is rejected (the
 * hierarchy would become ambiguous); a bill naming another meter account than its contract's only warns (the bill
 * is still a fact worth keeping).
 */
final class ContractMeterAccountRule {

    private final ContractLinks links;

    ContractMeterAccountRule(ContractLinks links) {
        this.links = links;
    }

    List<Finding> checkCustomer(String contractId, String meterAccountId, String file, long line) {
        List<Finding> findings = new ArrayList<>(0);
        String linkedAccount = links.meterAccountOfContract(contractId);
        String linkedContract = links.contractOfMeterAccount(meterAccountId);
        if (linkedAccount != null && !linkedAccount.equals(meterAccountId)) {
            findings.add(Rule.XROW_CONTRACT_METERACCOUNT_1TO1.finding(file, line, "MeterAccount_ID", meterAccountId,
                    "Contract " + contractId + " is already paired with meter account " + linkedAccount
                            + "; Contract_ID and MeterAccount_ID must stay 1:1 for all time"));
        } else if (linkedContract != null && !linkedContract.equals(contractId)) {
            findings.add(Rule.XROW_CONTRACT_METERACCOUNT_1TO1.finding(file, line, "Contract_ID", contractId,
                    "Meter account " + meterAccountId + " is already paired with contract " + linkedContract
                            + "; Contract_ID and MeterAccount_ID must stay 1:1 for all time"));
        } else if (linkedAccount == null) {
            links.link(contractId, meterAccountId);
        }
        return findings;
    }

    List<Finding> checkBill(String contractId, String meterAccountId, String file, long line) {
        String linkedAccount = links.meterAccountOfContract(contractId);
        if (linkedAccount != null && !linkedAccount.equals(meterAccountId)) {
            return List.of(Rule.XROW_BILL_METERACCOUNT_MISMATCH.finding(file, line, "MeterAccount_ID", meterAccountId,
                    "Bill names meter account " + meterAccountId + " but contract " + contractId
                            + " is paired with meter account " + linkedAccount));
        }
        return List.of();
    }
}
