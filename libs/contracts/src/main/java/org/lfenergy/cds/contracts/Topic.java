package org.lfenergy.cds.contracts;

import static org.lfenergy.cds.contracts.CleanupPolicy.COMPACT;
import static org.lfenergy.cds.contracts.CleanupPolicy.DELETE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
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
import org.lfenergy.cds.contracts.gridx.UsageReading;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.ingest.FileLifecycleEvent;
import org.lfenergy.cds.contracts.ingest.RejectEvent;

/**
 * Every Kafka topic of the system: name, cleanup policy, default partitions and retention, record key, CloudEvents
 * type, value class and the GridX file type that feeds it. docs/topics.md explains each choice.
 *
 * <p>Keys: producers must use {@link #keyOf(Object)}, never build keys themselves. On a compacted topic the key is
 * the row's full natural identity (two different rows never share a key, or compaction would delete one); on a
 * time-retention topic it is the id whose history must stay in order on one partition.
 */
public enum Topic {
    CUSTOMERS("gridx.customers.v1", COMPACT, 6, null, "customer", CustomerPayload.class, "CUSTOMER",
            "client|Contract_ID",
            row(CustomerPayload.class, (c, p) -> NaturalKey.of(c, p.contractId()))),
    METERACCOUNT_METERS("gridx.meteraccount-meters.v1", COMPACT, 6, null, "meteraccount-meter",
            MeterAccountMeterPayload.class, "METERACCOUNTMETER",
            "client|Meteraccount_ID|Meter_ID|Meter_install_date",
            row(MeterAccountMeterPayload.class, (c, p) -> NaturalKey.of(c, p.meterAccountId(), p.meterId(),
                    text(p.meterInstallDate())))),
    ATTRIBUTES("gridx.attributes.v1", COMPACT, 6, null, "attribute", CustomerAttributePayload.class,
            "CUSTOMERATTRIBUTE", "client|ID_type|ID|Key|Start_date",
            row(CustomerAttributePayload.class, (c, p) -> NaturalKey.of(c, p.idType(), p.id(), p.key(),
                    text(p.startDate())))),
    BILLS("gridx.bills.v1", DELETE, 6, Duration.ofDays(30), "bill", BillPayload.class, "BILLING",
            "client|Contract_ID",
            row(BillPayload.class, (c, p) -> NaturalKey.of(c, p.contractId()))),
    BILL_DETAILS("gridx.bill-details.v1", DELETE, 6, Duration.ofDays(30), "bill-detail", BillDetailPayload.class,
            "BILLINGDETAIL", "client|Contract_ID",
            row(BillDetailPayload.class, (c, p) -> NaturalKey.of(c, p.contractId()))),
    INTERVALS("gridx.intervals.v1", DELETE, 12, Duration.ofDays(7), "interval", IntervalPayload.class, "INTERVAL",
            "client|ma|MeterAccount_ID, or client|m|Meter_ID when MeterAccount_ID is empty",
            row(IntervalPayload.class, Topic::usageKey)),
    REGISTERS("gridx.registers.v1", DELETE, 6, Duration.ofDays(7), "register", RegisterPayload.class, "REGISTER",
            "client|ma|MeterAccount_ID, or client|m|Meter_ID when MeterAccount_ID is empty",
            row(RegisterPayload.class, Topic::usageKey)),
    BILL_DETERMINANTS("gridx.bill-determinants.v1", DELETE, 6, Duration.ofDays(30), "bill-determinant",
            BillDeterminantPayload.class, "BILLDETERMINANTS", "client|MeterAccount_ID",
            row(BillDeterminantPayload.class, (c, p) -> NaturalKey.of(c, p.meterAccountId()))),
    BILLING_CYCLES("gridx.billing-cycles.v1", COMPACT, 3, null, "billing-cycle", BillingCyclePayload.class,
            "BILLINGCYCLE", "client|Read_Cycle|Billing_Cycle_Start_Date",
            row(BillingCyclePayload.class, (c, p) -> NaturalKey.of(c, p.readCycle(),
                    text(p.billingCycleStartDate())))),
    RATE_VALUES("gridx.rate-values.v1", COMPACT, 3, null, "rate-value", RateValuePayload.class, "RATEVALUES",
            "client|Rate_Plan|Description|Effective_Date",
            row(RateValuePayload.class, (c, p) -> NaturalKey.of(c, p.ratePlan(), p.description(),
                    text(p.effectiveDate())))),
    EVENTS("gridx.events.v1", COMPACT, 3, null, "event", DemandResponseEventPayload.class, "EVENT",
            "client|Event_type|Event_sub_type|Rate_plan_identifier|Event_date|Event_start_time",
            row(DemandResponseEventPayload.class, (c, p) -> NaturalKey.of(c, p.eventType(), p.eventSubType(),
                    p.ratePlanIdentifier(), text(p.eventDate()), text(p.eventStartTime())))),
    NETWORKS("gridx.networks.v1", COMPACT, 3, null, "network", NetworkMemberPayload.class, "NETWORK",
            "client|Network_type|Network_ID|Network_member_type|Member_ID|Member_MeterAccount_ID|Member_start_date",
            row(NetworkMemberPayload.class, (c, p) -> NaturalKey.of(c, p.networkType(), p.networkId(),
                    p.networkMemberType(), p.memberId(), p.memberMeterAccountId(), text(p.memberStartDate())))),
    DIGESTS("gridx.digests.v1", DELETE, 3, Duration.ofDays(30), "digest", DigestEntryPayload.class, "DAILYDIGEST",
            "client|File_name",
            row(DigestEntryPayload.class, (c, p) -> NaturalKey.of(c, p.fileName()))),
    FILES("gridx.files.v1", COMPACT, 3, null, "file", FileLifecycleEvent.class, null,
            "file_id",
            value(FileLifecycleEvent.class, e -> NaturalKey.of(e.fileId()))),
    REJECTS("gridx.rejects.v1", DELETE, 6, Duration.ofDays(30), "reject", RejectEvent.class, null,
            "file_id (source.file_id)",
            value(RejectEvent.class, e -> NaturalKey.of(e.source().fileId()))),
    GRANTS("cds.grants.v1", COMPACT, 3, null, null, GrantEvent.class, null,
            "grant_id",
            value(GrantEvent.class, e -> NaturalKey.of(e.grantId())));

    private static final String CE_TYPE_PREFIX = "org.lfenergy.cds.";

    private final String topicName;
    private final CleanupPolicy cleanupPolicy;
    private final int defaultPartitions;
    private final Duration retention;
    private final String ceType;
    private final Class<?> payloadClass;
    private final String sourceFileType;
    private final String keyDefinition;
    private final Function<Object, String> keyFunction;

    Topic(String topicName, CleanupPolicy cleanupPolicy, int defaultPartitions, Duration retention, String gridxEventName,
          Class<?> payloadClass, String sourceFileType, String keyDefinition, Function<Object, String> keyFunction) {
        this.topicName = topicName;
        this.cleanupPolicy = cleanupPolicy;
        this.defaultPartitions = defaultPartitions;
        this.retention = retention;
        this.ceType = gridxEventName == null ? CE_TYPE_PREFIX + "grant.v1" : CE_TYPE_PREFIX + "gridx." + gridxEventName + ".v1";
        this.payloadClass = payloadClass;
        this.sourceFileType = sourceFileType;
        this.keyDefinition = keyDefinition;
        this.keyFunction = keyFunction;
    }

    /** The Kafka topic name, e.g. {@code gridx.customers.v1}. */
    public String topicName() {
        return topicName;
    }

    /** Compacted (entity state) or time retention (facts). */
    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** Partitions to create the topic with unless a deployment overrides it. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /** Default {@code retention.ms} of a time-retention topic; empty for compacted topics (kept per key). */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** The CloudEvents {@code type}, e.g. {@code org.lfenergy.cds.gridx.customer.v1}. */
    public String ceType() {
        return ceType;
    }

    /** The GridX payload (the {@code data} of a {@link RowEvent}) or, for other topics, the value class itself. */
    public Class<?> payloadClass() {
        return payloadClass;
    }

    /** The value class: {@link RowEvent} for row topics, else the payload class. */
    public Class<?> valueClass() {
        return isRowTopic() ? RowEvent.class : payloadClass;
    }

    /** True for the thirteen {@code gridx.<type>.v1} topics whose value is a {@link RowEvent}. */
    public boolean isRowTopic() {
        return sourceFileType != null;
    }

    /** The GridX file-type token that feeds this topic ({@code CUSTOMER}, {@code INTERVAL}, …), if any. */
    public Optional<String> sourceFileType() {
        return Optional.ofNullable(sourceFileType);
    }

    /** Human-readable definition of the record key, e.g. {@code client|Contract_ID}. */
    public String keyDefinition() {
        return keyDefinition;
    }

    /** Class-path location of this topic's JSON Schema, e.g. {@code schemas/gridx.customers.v1.schema.json}. */
    public String schemaResource() {
        return "schemas/" + topicName + ".schema.json";
    }

    /**
     * The record key for a value of this topic (a {@link RowEvent} on row topics).
     *
     * @throws IllegalArgumentException if the value does not belong to this topic
     */
    public String keyOf(Object value) {
        Objects.requireNonNull(value, "value");
        return keyFunction.apply(value);
    }

    /** The record key of a row of this row topic, for producers that key before wrapping. */
    public String keyOf(String client, GridxPayload payload) {
        Objects.requireNonNull(client, "client");
        return keyOf(new RowEvent<>(client, new EventSource("-", "-", 0), payload));
    }

    /** Topic-level configs for the admin client or Strimzi ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        if (retention != null) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        return Collections.unmodifiableMap(configs);
    }

    /** The topic with this Kafka name, if any. */
    public static Optional<Topic> fromTopicName(String name) {
        for (Topic t : values()) {
            if (t.topicName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The topic fed by a GridX file-type token (case-insensitive), e.g. {@code REGISTER} → registers. */
    public static Optional<Topic> forFileType(String fileTypeToken) {
        if (fileTypeToken == null) {
            return Optional.empty();
        }
        for (Topic t : values()) {
            if (t.sourceFileType != null && t.sourceFileType.equalsIgnoreCase(fileTypeToken.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The topic whose payload is this class. */
    public static Optional<Topic> forPayload(Class<?> payloadClass) {
        for (Topic t : values()) {
            if (t.payloadClass.equals(payloadClass)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    // Keys of interval and register rows: the series id (meter account, else meter), tagged so that a meter id
    // equal to some meter account id can never share a key with it.
    private static String usageKey(String client, UsageReading r) {
        if (r.meterAccountId() != null && !r.meterAccountId().isEmpty()) {
            return NaturalKey.of(client, "ma", r.meterAccountId());
        }
        if (r.meterId() == null || r.meterId().isEmpty()) {
            throw new IllegalArgumentException("Usage row has neither meteraccount_id nor meter_id");
        }
        return NaturalKey.of(client, "m", r.meterId());
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : IsoFormats.offsetDateTime(t);
    }

    private static String text(LocalDate d) {
        return d == null ? null : IsoFormats.localDate(d);
    }

    private static String text(LocalTime t) {
        return t == null ? null : IsoFormats.localTime(t);
    }

    private static <P extends GridxPayload> Function<Object, String> row(Class<P> payloadType,
                                                                         BiFunction<String, P, String> key) {
        return value -> {
            if (!(value instanceof RowEvent<?> event) || !payloadType.isInstance(event.data())) {
                throw new IllegalArgumentException("Expected a RowEvent of " + payloadType.getSimpleName()
                        + " but got " + describe(value));
            }
            return key.apply(event.client(), payloadType.cast(event.data()));
        };
    }

    private static <V> Function<Object, String> value(Class<V> valueType, Function<V, String> key) {
        return value -> {
            if (!valueType.isInstance(value)) {
                throw new IllegalArgumentException("Expected a " + valueType.getSimpleName() + " but got "
                        + describe(value));
            }
            return key.apply(valueType.cast(value));
        };
    }

    private static String describe(Object value) {
        if (value instanceof RowEvent<?> e) {
            return "RowEvent of " + e.data().getClass().getSimpleName();
        }
        return value.getClass().getSimpleName();
    }
}
