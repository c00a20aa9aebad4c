package org.lfenergy.cds.billing.mapping;

import java.util.List;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;

/**
 * Every stored fact that the CDS objects of one account (GridX Entity_ID) are built from.
 *
 * @param contracts  the Customer rows whose Entity_ID is this account (one per Contract_ID)
 * @param attributes attributes of any owner in the account's hierarchy (contracts, service points, premises, the
 *                   account, its persons)
 * @param bills      Bill Summary rows of the account's contracts (cancellations included)
 * @param lines      Bill Details rows of those bills
 * @param cycles     Billing Cycle rows of the client
 * @param networks   Network rows naming one of the account's contracts or meter accounts
 * @param events     Event rows of the client
 * @param meters     MeterAccount Meter rows of the account's meter accounts
 */
public record AccountFacts(String client, String entityId, List<Fact<CustomerPayload>> contracts,
                           List<Fact<CustomerAttributePayload>> attributes, List<Fact<BillPayload>> bills,
                           List<Fact<BillDetailPayload>> lines, List<Fact<BillingCyclePayload>> cycles,
                           List<Fact<NetworkMemberPayload>> networks, List<Fact<DemandResponseEventPayload>> events,
                           List<Fact<MeterAccountMeterPayload>> meters) {
}
