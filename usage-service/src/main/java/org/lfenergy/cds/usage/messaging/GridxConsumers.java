package org.lfenergy.cds.usage.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
import org.lfenergy.cds.contracts.gridx.BillDeterminantPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;
import org.lfenergy.cds.contracts.gridx.RegisterPayload;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.usage.mapping.IntervalDayBatch;
import org.lfenergy.cds.usage.mapping.SeriesKey;
import org.lfenergy.cds.usage.mapping.UsageTime;
import org.lfenergy.cds.usage.repository.AggregationRegistry;
import org.lfenergy.cds.usage.repository.IntervalDayWriter;
import org.lfenergy.cds.usage.repository.ReferenceDataWriter;

/**
 * The Kafka consumers of the metering read model: batch consumption ({@code read_committed}, group
 * {@code usage-service}), one set-based write per batch and table, idempotent upserts on natural keys. They run on
 * worker threads ({@code @Blocking}, ordered per channel) because they decode and write with JDBC; the INTERVAL
 * batches come from {@link IntervalConsumers} (threads of their own) instead of the messaging connector. Each batch is
 * one span ({@code process <topic>}) in the trace of the file its rows came from (RecordTracing).
 */
@ApplicationScoped
public class GridxConsumers {

    private final RowDecoder decoder;
    private final ResilientWrite resilient;
    private final IntervalDayWriter intervals;
    private final ReferenceDataWriter writer;
    private final UsageTime time;
    private final CdsIds ids;
    private final org.lfenergy.cds.usage.repository.SegmentIds segmentIds;
    private final AggregationRegistry aggregations;
    private final RecordTracing tracing;

    public GridxConsumers(RowDecoder decoder, ResilientWrite resilient, IntervalDayWriter intervals,
                          ReferenceDataWriter writer, UsageTime time, CdsIds ids,
                          org.lfenergy.cds.usage.repository.SegmentIds segmentIds, AggregationRegistry aggregations,
                          RecordTracing tracing) {
        this.tracing = tracing;
        this.aggregations = aggregations;
        this.segmentIds = segmentIds;
        this.decoder = decoder;
        this.resilient = resilient;
        this.intervals = intervals;
        this.writer = writer;
        this.time = time;
        this.ids = ids;
    }

    /**
     * INTERVAL rows → interval_day slot arrays, gathered per (series, channel, day) before one upsert. Called by the
     * {@link IntervalConsumers} on their own threads, not by the messaging connector.
     */
    public void intervals(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.INTERVALS.topicName(), records, () -> intervalsBatch(records));
    }

    private void intervalsBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.INTERVALS;
        IntervalDayBatch batch = new IntervalDayBatch(time);
        Map<String, String[]> meters = new LinkedHashMap<>();
        Map<String, TreeSet<String>> meterChannels = new LinkedHashMap<>();
        IntervalPayload previous = null;
        String previousClient = null;
        for (RowEvent<IntervalPayload> e : decoder.decode(topic, records, IntervalPayload.class)) {
            IntervalPayload p = e.data();
            String reason = batch.add(e.client(), p);
            if (reason != null) {
                decoder.reject(topic, e, reason);
                continue;
            }
            // Rows come grouped by meter: the meter, channel and frequency of the previous row are already noted.
            if (previous == null || !e.client().equals(previousClient)
                    || !Objects.equals(p.meterId(), previous.meterId())
                    || !Objects.equals(p.channel(), previous.channel())
                    || p.intervalFrequency() != previous.intervalFrequency()) {
                collectMeter(e.client(), p.meterId(), p.channel(), p.intervalFrequency() * 60, meters, meterChannels);
                previous = p;
                previousClient = e.client();
            }
        }
        resilient.write(topic.topicName(), new ArrayList<>(batch.days()), intervals::write);
        resilient.write(topic.topicName(), meterRows(meters, meterChannels), writer::writeMeterDevices);
    }

    /** REGISTER rows → register_read, one row per read. */
    @Incoming("registers")
    @Blocking
    public void registers(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.REGISTERS.topicName(), records, () -> registersBatch(records));
    }

    private void registersBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.REGISTERS;
        Map<String, String[]> rows = new LinkedHashMap<>();
        Map<String, String[]> meters = new LinkedHashMap<>();
        Map<String, TreeSet<String>> meterChannels = new LinkedHashMap<>();
        for (RowEvent<RegisterPayload> e : decoder.decode(topic, records, RegisterPayload.class)) {
            RegisterPayload p = e.data();
            String series = SeriesKey.of(p.meterAccountId(), p.meterId());
            if (series == null || p.usageValue() == null || p.datetimeOfIntervalUtc() == null || p.channel() == null
                    || p.intervalFrequency() <= 0) {
                decoder.reject(topic, e, "register row lacks an id, value, time, channel or frequency");
                continue;
            }
            ZoneId zone = time.zoneOf(e.client(), p.timeZone());
            Instant at = p.datetimeOfIntervalUtc();
            LocalDate day = LocalDate.ofInstant(at, zone);
            String meterId = p.meterId() == null ? "" : p.meterId();
            String[] row = {e.client(), series, p.channel(), meterId, at.toString(), blankToNull(p.meterAccountId()),
                    day.toString(), zone.getId(), Integer.toString(p.intervalFrequency() * 60),
                    p.usageValue().toPlainString(), p.dataVersion(), segmentIds.registerDay(e.client(), series, day)};
            rows.put(String.join("|", e.client(), series, day.toString(), p.channel(), meterId, at.toString()), row);
            collectMeter(e.client(), p.meterId(), null, 0, meters, meterChannels);
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeRegisters);
        resilient.write(topic.topicName(), meterRows(meters, meterChannels), writer::writeMeterDevices);
    }

    /** CUSTOMER rows → contract and service_point. */
    @Incoming("customers")
    @Blocking
    public void customers(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.CUSTOMERS.topicName(), records, () -> customersBatch(records));
    }

    private void customersBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.CUSTOMERS;
        Map<String, String[]> contracts = new LinkedHashMap<>();
        for (RowEvent<CustomerPayload> e : decoder.decode(topic, records, CustomerPayload.class)) {
            CustomerPayload p = e.data();
            if (isBlank(p.contractId()) || isBlank(p.personId()) || isBlank(p.entityId())
                    || isBlank(p.meterAccountId()) || p.contractStartDate() == null) {
                decoder.reject(topic, e, "customer row lacks a required id or the contract start");
                continue;
            }
            String c = e.client();
            boolean fromMeterAccount = isBlank(p.servicePointId());
            String spNumber = fromMeterAccount ? p.meterAccountId() : p.servicePointId();
            String spId = ids.id(CdsIdKind.SERVICE_POINT, c, spNumber);
            String premiseId = isBlank(p.premiseId()) ? null : ids.id(CdsIdKind.PREMISE, c, p.premiseId());
            contracts.put(c + "|" + p.contractId(), new String[]{c, p.contractId(), p.personId(), p.entityId(),
                    blankToNull(p.premiseId()), blankToNull(p.servicePointId()), p.meterAccountId(),
                    text(p.contractStartDate()), text(p.contractEndDate()), p.serviceStatus(),
                    ids.id(CdsIdKind.CUSTOMER, c, p.personId()), ids.id(CdsIdKind.ACCOUNT, c, p.entityId()),
                    ids.id(CdsIdKind.SERVICE_CONTRACT, c, p.contractId()), spId, premiseId});
        }
        resilient.write(topic.topicName(), new ArrayList<>(contracts.values()), writer::writeContracts);
        resilient.write(topic.topicName(), contracts.values().stream().map(c -> new String[]{c[0], c[1]}).toList(),
                aggregations::registerContracts);
    }

    /** METERACCOUNTMETER rows → meter_install and meter_device. */
    @Incoming("meteraccount-meters")
    @Blocking
    public void meterAccountMeters(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.METERACCOUNT_METERS.topicName(), records, () -> meterAccountMetersBatch(records));
    }

    private void meterAccountMetersBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.METERACCOUNT_METERS;
        Map<String, String[]> installs = new LinkedHashMap<>();
        for (RowEvent<MeterAccountMeterPayload> e : decoder.decode(topic, records, MeterAccountMeterPayload.class)) {
            MeterAccountMeterPayload p = e.data();
            if (isBlank(p.meterAccountId()) || isBlank(p.meterId()) || p.meterInstallDate() == null) {
                decoder.reject(topic, e, "meteraccount meter row lacks an id or the install date");
                continue;
            }
            String c = e.client();
            String md = ids.id(CdsIdKind.METER_DEVICE, c, p.meterId());
            String install = text(p.meterInstallDate());
            installs.put(String.join("|", c, p.meterAccountId(), p.meterId(), install),
                    new String[]{c, p.meterAccountId(), p.meterId(), install, text(p.meterRemovalDate()), md});
        }
        resilient.write(topic.topicName(), new ArrayList<>(installs.values()), writer::writeMeterInstalls);
    }

    /** CUSTOMERATTRIBUTE rows → attribute. */
    @Incoming("attributes")
    @Blocking
    public void attributes(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.ATTRIBUTES.topicName(), records, () -> attributesBatch(records));
    }

    private void attributesBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.ATTRIBUTES;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (RowEvent<CustomerAttributePayload> e : decoder.decode(topic, records, CustomerAttributePayload.class)) {
            CustomerAttributePayload p = e.data();
            if (isBlank(p.idType()) || isBlank(p.id()) || isBlank(p.key()) || p.value() == null
                    || p.startDate() == null) {
                decoder.reject(topic, e, "attribute row lacks ID_type, ID, Key, Value or Start_date");
                continue;
            }
            String start = p.startDate().toString();
            String idType = p.idType().trim().toUpperCase(java.util.Locale.ROOT);
            rows.put(String.join("|", e.client(), idType, p.id(), p.key(), start), new String[]{e.client(), idType,
                    p.id(), p.key(), start, p.endDate() == null ? null : p.endDate().toString(), p.value()});
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeAttributes);
        resilient.write(topic.topicName(), rows.values().stream().map(r -> new String[]{r[0], r[1], r[2]})
                .toList(), aggregations::registerAttributes);
    }

    /** BILLDETERMINANTS rows → bill_determinant. */
    @Incoming("bill-determinants")
    @Blocking
    public void billDeterminants(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.BILL_DETERMINANTS.topicName(), records, () -> billDeterminantsBatch(records));
    }

    private void billDeterminantsBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.BILL_DETERMINANTS;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (RowEvent<BillDeterminantPayload> e : decoder.decode(topic, records, BillDeterminantPayload.class)) {
            BillDeterminantPayload p = e.data();
            if (isBlank(p.meterAccountId()) || p.usageValue() == null || p.startTimeOfIntervalUtc() == null
                    || p.endTimeOfIntervalUtc() == null || isBlank(p.channel())) {
                decoder.reject(topic, e, "determinant row lacks an id, value, period or channel");
                continue;
            }
            String zone = time.zoneOf(e.client(), p.timeZone()).getId();
            String s = p.startTimeOfIntervalUtc().toString();
            String en = p.endTimeOfIntervalUtc().toString();
            rows.put(String.join("|", e.client(), p.meterAccountId(), s, en, p.channel()), new String[]{e.client(),
                    p.meterAccountId(), p.channel(), s, en, p.usageValue().toPlainString(), p.dataVersion(), zone,
                    segmentIds.billedPeriod(e.client(), "ma:" + p.meterAccountId(), p.startTimeOfIntervalUtc(),
                            p.endTimeOfIntervalUtc())});
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeDeterminants);
    }

    /** NETWORK rows → network_member. */
    @Incoming("networks")
    @Blocking
    public void networks(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.NETWORKS.topicName(), records, () -> networksBatch(records));
    }

    private void networksBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.NETWORKS;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (RowEvent<NetworkMemberPayload> e : decoder.decode(topic, records, NetworkMemberPayload.class)) {
            NetworkMemberPayload p = e.data();
            String[] row = {e.client(), nz(p.networkType()), nz(p.networkId()), nz(p.networkMemberType()),
                    nz(p.memberId()), nz(p.memberMeterAccountId()),
                    p.memberStartDate() == null ? "0001-01-01" : p.memberStartDate().toString(),
                    date(p.networkStartDate()), date(p.networkEndDate()), p.memberType(),
                    p.percentAllocation() == null ? null : p.percentAllocation().toPlainString(),
                    date(p.memberEndDate())};
            rows.put(String.join("|", row[0], row[1], row[2], row[3], row[4], row[5], row[6]), row);
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeNetworkMembers);
        resilient.write(topic.topicName(), rows.values().stream().map(r -> new String[]{r[0], r[4], r[5]}).toList(),
                aggregations::registerNetworkMembers);
    }

    /** BILLING rows → bill_period (Bill_ID, meter account and period: links billed usage to its bill sections). */
    @Incoming("bills")
    @Blocking
    public void bills(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.BILLS.topicName(), records, () -> billsBatch(records));
    }

    private void billsBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.BILLS;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (RowEvent<BillPayload> e : decoder.decode(topic, records, BillPayload.class)) {
            BillPayload p = e.data();
            if (isBlank(p.billId()) || isBlank(p.meterAccountId()) || p.billStartDate() == null
                    || p.billEndDate() == null) {
                decoder.reject(topic, e, "bill row lacks Bill_ID, MeterAccount_ID or the bill period");
                continue;
            }
            rows.put(e.client() + "|" + p.billId(), new String[]{e.client(), p.billId(), p.meterAccountId(),
                    p.billStartDate().toString(), p.billEndDate().toString(),
                    ids.id(CdsIdKind.BILL_SECTION, e.client(), p.billId())});
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeBillPeriods);
    }

    /** EVENT rows → dr_event. */
    @Incoming("events")
    @Blocking
    public void events(ConsumerRecords<String, byte[]> records) {
        tracing.runInBatch(Topic.EVENTS.topicName(), records, () -> eventsBatch(records));
    }

    private void eventsBatch(ConsumerRecords<String, byte[]> records) {
        Topic topic = Topic.EVENTS;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (RowEvent<DemandResponseEventPayload> e : decoder.decode(topic, records, DemandResponseEventPayload.class)) {
            DemandResponseEventPayload p = e.data();
            if (isBlank(p.eventType()) || p.eventDate() == null) {
                decoder.reject(topic, e, "event row lacks Event_type or Event_date");
                continue;
            }
            String[] row = {e.client(), p.eventType(), nz(p.eventSubType()), nz(p.ratePlanIdentifier()),
                    p.eventDate().toString(), p.eventStartTime() == null ? "00:00" : p.eventStartTime().toString(),
                    p.eventEndTime() == null ? null : p.eventEndTime().toString(),
                    p.eventDuration() == null ? null : p.eventDuration().toPlainString()};
            rows.put(String.join("|", row[0], row[1], row[2], row[3], row[4], row[5]), row);
        }
        resilient.write(topic.topicName(), new ArrayList<>(rows.values()), writer::writeEvents);
    }

    private void collectMeter(String client, String meterId, String channel, int intervalS,
                              Map<String, String[]> meters, Map<String, TreeSet<String>> channels) {
        if (isBlank(meterId)) {
            return;
        }
        String key = client + "|" + meterId;
        String[] row = meters.get(key);
        if (row == null) {
            row = new String[]{ids.id(CdsIdKind.METER_DEVICE, client, meterId), client, meterId, null, null};
            meters.put(key, row);
            channels.put(key, new TreeSet<>());
        }
        if (channel != null) {
            channels.get(key).add(channel);
        }
        if (intervalS > 0 && (row[4] == null || Integer.parseInt(row[4]) > intervalS)) {
            row[4] = Integer.toString(intervalS);
        }
    }

    private static List<String[]> meterRows(Map<String, String[]> meters, Map<String, TreeSet<String>> channels) {
        List<String[]> out = new ArrayList<>(meters.size());
        for (Map.Entry<String, String[]> m : meters.entrySet()) {
            String[] row = m.getValue();
            row[3] = org.lfenergy.cds.usage.repository.SqlArrays.textLiteral(channels.get(m.getKey()));
            out.add(row);
        }
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toString();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

}
