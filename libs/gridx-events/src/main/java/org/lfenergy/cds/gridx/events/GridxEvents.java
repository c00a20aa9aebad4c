package org.lfenergy.cds.gridx.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillDeterminantPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.DigestEntryPayload;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;
import org.lfenergy.cds.contracts.gridx.RateValuePayload;
import org.lfenergy.cds.contracts.gridx.RegisterPayload;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillDeterminantsRecord;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.DailyDigestRecord;
import org.lfenergy.cds.gridx.format.record.EventRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.format.record.NetworkRecord;
import org.lfenergy.cds.gridx.format.record.RateValuesRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/**
 * The one mapping from a parsed GridX record to its Kafka row event: which topic, which key, which payload.
 * Zoned date-times keep their local reading and offset; usage timestamps also get their UTC instant.
 */
public final class GridxEvents {

    private static final Map<GridxFileType, Topic> TOPICS = new EnumMap<>(GridxFileType.class);

    static {
        for (GridxFileType type : GridxFileType.values()) {
            TOPICS.put(type, Topic.forFileType(type.token())
                    .orElseThrow(() -> new IllegalStateException("no topic for GridX type " + type)));
        }
    }

    private GridxEvents() {
    }

    /** The topic a record of this file type is published to. */
    public static Topic topicOf(GridxFileType type) {
        return TOPICS.get(type);
    }

    /** The row event of one record read from line {@code line} of file {@code fileName}. */
    public static RowEvent<GridxPayload> rowEvent(String client, String fileId, String fileName, long line,
                                                  GridxRecord record) {
        return RowEvent.of(client, fileId, fileName, line, toPayload(record));
    }

    /** The record key on {@link #topicOf} for this record's payload. */
    public static String keyOf(String client, GridxRecord record, GridxPayload payload) {
        return topicOf(record.type()).keyOf(client, payload);
    }

    /** Field-by-field conversion; the payload names follow the seed's column names. */
    public static GridxPayload toPayload(GridxRecord record) {
        if (record instanceof IntervalRecord r) {
            return new IntervalPayload(r.meterAccountId(), r.meterId(), r.usageValue(), r.dateOfInterval(),
                    offset(r.datetimeOfInterval()), utc(r.datetimeOfInterval()), r.channel(), zone(r.timeZone()),
                    r.intervalFrequency(), r.dataVersion());
        }
        if (record instanceof CustomerRecord r) {
            return new CustomerPayload(r.personId(), r.entityId(), r.contractId(), r.premiseId(), r.servicePointId(),
                    r.meterAccountId(), offset(r.contractStartDate()), offset(r.contractEndDate()), r.serviceStatus());
        }
        if (record instanceof MeterAccountMeterRecord r) {
            return new MeterAccountMeterPayload(r.meteraccountId(), r.meterId(), offset(r.meterInstallDate()),
                    offset(r.meterRemovalDate()));
        }
        if (record instanceof CustomerAttributeRecord r) {
            return new CustomerAttributePayload(r.idType(), r.id(), r.key(), r.value(), r.startDate(), r.endDate());
        }
        if (record instanceof BillingRecord r) {
            return new BillPayload(r.billId(), r.servicePointId(), r.contractId(), r.meterAccountId(), r.billStartDate(),
                    r.billEndDate(), r.billYear(), r.billMonth(), r.billRateCode(), r.billCycleCode(),
                    r.totalBillUsageValue(), r.totalBillAmount(), r.isEstimate(), r.isCancellation());
        }
        if (record instanceof BillingDetailRecord r) {
            return new BillDetailPayload(r.billId(), r.contractId(), r.meterAccountId(), r.billStartDate(),
                    r.billEndDate(), r.billYear(), r.billMonth(), r.billLineItemCode(), r.billLineItemDescription(),
                    r.billLineItemQuantity(), r.billLineItemUnit(), r.billLineItemPrice(), r.billLineItemField1(),
                    r.billLineItemField2(), r.billLineItemField3(), r.billLineItemAmount(), r.billLineItemStartDate(),
                    r.billLineItemEndDate());
        }
        if (record instanceof RegisterRecord r) {
            return new RegisterPayload(r.meterAccountId(), r.meterId(), r.usageValue(), r.dateOfInterval(),
                    offset(r.datetimeOfInterval()), utc(r.datetimeOfInterval()), r.channel(), zone(r.timeZone()),
                    r.intervalFrequency(), r.dataVersion());
        }
        if (record instanceof BillDeterminantsRecord r) {
            return new BillDeterminantPayload(r.meterAccountId(), r.usageValue(), offset(r.startTimeOfInterval()),
                    offset(r.endTimeOfInterval()), utc(r.startTimeOfInterval()), utc(r.endTimeOfInterval()),
                    r.channel(), r.dataVersion(), zone(r.timeZone()));
        }
        if (record instanceof BillingCycleRecord r) {
            return new BillingCyclePayload(r.readCycle(), r.billingCycleStartDate(), r.billingCycleEndDate(),
                    r.billMonth(), r.billYear(), r.numDays());
        }
        if (record instanceof RateValuesRecord r) {
            return new RateValuePayload(r.ratePlan(), r.description(), r.value(), r.effectiveDate(), r.expirationDate());
        }
        if (record instanceof EventRecord r) {
            return new DemandResponseEventPayload(r.ratePlanIdentifier(), r.eventType(), r.eventSubType(), r.eventDate(),
                    r.eventDuration(), r.eventStartTime(), r.eventEndTime());
        }
        if (record instanceof NetworkRecord r) {
            return new NetworkMemberPayload(r.networkType(), r.networkId(), r.networkStartDate(), r.networkEndDate(),
                    r.memberId(), r.networkMemberType(), r.memberType(), r.percentAllocation(), r.memberStartDate(),
                    r.memberEndDate(), r.memberMeterAccountId());
        }
        if (record instanceof DailyDigestRecord r) {
            return new DigestEntryPayload(r.fileName(), r.lineCount(), r.md5());
        }
        throw new IllegalArgumentException("no event mapping for " + record.getClass().getName());
    }

    private static OffsetDateTime offset(ZonedDateTime value) {
        return value == null ? null : value.toOffsetDateTime();
    }

    private static Instant utc(ZonedDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static String zone(ZoneId zone) {
        return zone == null ? null : zone.getId();
    }
}
