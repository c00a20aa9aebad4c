package org.lfenergy.cds.gridx.format.validation;

/** State of the Contract_ID ↔ MeterAccount_ID pairing (1:1 for all time). */
public interface ContractLinks {
    /** The meter account a contract is linked to, or null. */
    String meterAccountOfContract(String contractId);

    /** The contract a meter account is linked to, or null. */
    String contractOfMeterAccount(String meterAccountId);

    void link(String contractId, String meterAccountId);
}
