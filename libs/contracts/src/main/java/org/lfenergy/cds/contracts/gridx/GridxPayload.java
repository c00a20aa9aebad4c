package org.lfenergy.cds.contracts.gridx;

/**
 * The typed content of one GridX source row (the {@code data} of a {@link org.lfenergy.cds.contracts.RowEvent}).
 *
 * <p>JSON names are the GridX column names lower-cased (spaces become underscores), e.g. {@code MeterAccount_ID}
 * becomes {@code meteraccount_id}. Every column is always present; an empty or absent optional column is
 * {@code null}.
 */
public sealed interface GridxPayload
        permits DigestEntryPayload, CustomerPayload, MeterAccountMeterPayload, CustomerAttributePayload,
        BillPayload, BillDetailPayload, IntervalPayload, RegisterPayload, BillDeterminantPayload,
        BillingCyclePayload, RateValuePayload, DemandResponseEventPayload, NetworkMemberPayload {
}
