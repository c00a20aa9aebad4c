package org.lfenergy.cds.billing.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.lfenergy.cds.billing.repository.FactRow;
import org.lfenergy.cds.billing.repository.FactTable;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.IsoFormats;
import org.lfenergy.cds.contracts.NaturalKey;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;
import org.lfenergy.cds.contracts.gridx.RateValuePayload;

/**
 * Turns a row event into the fact row of its table: the natural key, the lookup columns and the payload JSON.
 * Throws {@link IllegalArgumentException} for an event that cannot be stored (a poison event).
 */
public final class FactExtractor {

    private final EventCodec codec;

    public FactExtractor(EventCodec codec) {
        this.codec = codec;
    }

    /** The fact of one event, dated by its file's extract time. */
    public FactRow fact(RowEvent<? extends GridxPayload> event, Instant fileTime) {
        String client = event.client();
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("missing client");
        }
        String data = codec.encodeToString(event.data());
        GridxPayload payload = event.data();
        if (payload instanceof CustomerPayload p) {
            return FactRow.of(FactTable.CUSTOMER_ROW, data, fileTime, client,
                    require(p.contractId(), "contract_id"), require(p.personId(), "person_id"),
                    require(p.entityId(), "entity_id"), blankToNull(p.premiseId()), blankToNull(p.servicePointId()),
                    blankToNull(p.meterAccountId()));
        }
        if (payload instanceof CustomerAttributePayload p) {
            return FactRow.of(FactTable.ATTRIBUTE, data, fileTime, client,
                    require(p.idType(), "id_type").trim().toUpperCase(Locale.ROOT), require(p.id(), "id"),
                    require(p.key(), "key").trim().toLowerCase(Locale.ROOT), date(p.startDate(), "start_date"),
                    p.value());
        }
        if (payload instanceof BillPayload p) {
            return FactRow.of(FactTable.BILL, data, fileTime, client, require(p.billId(), "bill_id"),
                    Boolean.toString(p.isCancellation()), require(p.contractId(), "contract_id"));
        }
        if (payload instanceof BillDetailPayload p) {
            return FactRow.of(FactTable.BILL_LINE, data, fileTime, client,
                    require(p.billId(), "bill_id"), lineKey(p), require(p.contractId(), "contract_id"));
        }
        if (payload instanceof BillingCyclePayload p) {
            return FactRow.of(FactTable.BILLING_CYCLE, data, fileTime, client,
                    require(p.readCycle(), "read_cycle"), date(p.billingCycleStartDate(), "billing_cycle_start_date"));
        }
        if (payload instanceof RateValuePayload p) {
            return FactRow.of(FactTable.RATE_VALUE, data, fileTime, client,
                    require(p.ratePlan(), "rate_plan"), require(p.description(), "description"),
                    date(p.effectiveDate(), "effective_date"));
        }
        if (payload instanceof NetworkMemberPayload p) {
            return FactRow.of(FactTable.NETWORK_MEMBER, data, fileTime, client,
                    NaturalKey.of(p.networkType(), p.networkId(), p.networkMemberType(), p.memberId(),
                            p.memberMeterAccountId(), p.memberStartDate() == null ? null
                                    : IsoFormats.localDate(p.memberStartDate())),
                    blankToNull(p.memberId()), blankToNull(p.networkMemberType()),
                    blankToNull(p.memberMeterAccountId()));
        }
        if (payload instanceof DemandResponseEventPayload p) {
            return FactRow.of(FactTable.DR_EVENT, data, fileTime, client,
                    NaturalKey.of(require(p.eventType(), "event_type"), p.eventSubType(), p.ratePlanIdentifier(),
                            date(p.eventDate(), "event_date"),
                            p.eventStartTime() == null ? null : IsoFormats.localTime(p.eventStartTime())));
        }
        if (payload instanceof MeterAccountMeterPayload p) {
            return FactRow.of(FactTable.METER_INSTALL, data, fileTime, client,
                    require(p.meterAccountId(), "meteraccount_id"), require(p.meterId(), "meter_id"),
                    p.meterInstallDate() == null ? "-" : IsoFormats.offsetDateTime(p.meterInstallDate()));
        }
        throw new IllegalArgumentException("billing-service does not store " + payload.getClass().getSimpleName());
    }

    /** A line item's natural key within its bill: code, item dates and the three free fields. */
    static String lineKey(BillDetailPayload p) {
        return NaturalKey.of(require(p.billLineItemCode(), "bill_line_item_code"),
                date(p.billLineItemStartDate(), "bill_line_item_start_date"),
                date(p.billLineItemEndDate(), "bill_line_item_end_date"),
                p.billLineItemField1(), p.billLineItemField2(), p.billLineItemField3());
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static String date(LocalDate d, String name) {
        if (d == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return IsoFormats.localDate(d);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
