package org.lfenergy.cds.billing.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.billing.repository.FactRepository;
import org.lfenergy.cds.billing.repository.FactRow;
import org.lfenergy.cds.billing.repository.FactTable;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/**
 * Consumes the GridX topics this service needs, a batch at a time (at-least-once, read_committed, see
 * application.properties), and stores each batch as facts with one statement per table.
 *
 * <p>A poison event (undecodable, or missing a key field) is logged, counted in
 * {@code billing_events_rejected_total} and skipped; it never stops the channel. A batch the database refuses for
 * its data (SQLSTATE class 22/23) is retried row by row so that only the offending row is skipped; any other
 * failure (database down) is retried with back-off until it succeeds, holding the partition.
 */
@ApplicationScoped
public class GridxConsumers {

    private static final Logger LOG = Logger.getLogger(GridxConsumers.class);

    private final FactRepository facts;
    private final MeterRegistry registry;
    private final EventCodec codec = EventCodec.shared();
    private final FactExtractor extractor = new FactExtractor(codec);
    private final FileTimes fileTimes;
    private final RecordTracing tracing;

    public GridxConsumers(FactRepository facts, MeterRegistry registry, BillingConfig config, RecordTracing tracing) {
        this.tracing = tracing;
        this.facts = facts;
        this.registry = registry;
        this.fileTimes = new FileTimes(config.defaultZone(), config.clientZones());
    }

    @Incoming("customers")
    public Uni<Void> customers(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.CUSTOMERS, FactTable.CUSTOMER_ROW, records);
    }

    @Incoming("attributes")
    public Uni<Void> attributes(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.ATTRIBUTES, FactTable.ATTRIBUTE, records);
    }

    @Incoming("bills")
    public Uni<Void> bills(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.BILLS, FactTable.BILL, records);
    }

    @Incoming("bill-details")
    public Uni<Void> billDetails(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.BILL_DETAILS, FactTable.BILL_LINE, records);
    }

    @Incoming("billing-cycles")
    public Uni<Void> billingCycles(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.BILLING_CYCLES, FactTable.BILLING_CYCLE, records);
    }

    @Incoming("rate-values")
    public Uni<Void> rateValues(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.RATE_VALUES, FactTable.RATE_VALUE, records);
    }

    @Incoming("networks")
    public Uni<Void> networks(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.NETWORKS, FactTable.NETWORK_MEMBER, records);
    }

    @Incoming("events")
    public Uni<Void> events(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.EVENTS, FactTable.DR_EVENT, records);
    }

    @Incoming("meteraccount-meters")
    public Uni<Void> meterAccountMeters(ConsumerRecords<String, byte[]> records) {
        return ingest(Topic.METERACCOUNT_METERS, FactTable.METER_INSTALL, records);
    }

    /** One polled batch: one span ({@code process <topic>}, in the file's trace) from decoding to the written rows. */
    private Uni<Void> ingest(Topic topic, FactTable table, ConsumerRecords<String, byte[]> records) {
        Span span = tracing.startBatch(topic.topicName(), records);
        Uni<Void> written;
        try (Scope ignored = span.makeCurrent()) {
            written = decodeAndWrite(topic, table, records);
        } catch (RuntimeException e) {
            RecordTracing.failed(span, e);
            span.end();
            throw e;
        }
        return written.onTermination().invoke((done, failure, cancelled) -> {
            if (failure != null) {
                RecordTracing.failed(span, failure);
            }
            span.end();
        });
    }

    private Uni<Void> decodeAndWrite(Topic topic, FactTable table, ConsumerRecords<String, byte[]> records) {
        Map<List<String>, FactRow> merged = new LinkedHashMap<>();
        int accepted = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            FactRow fact = toFact(topic, record);
            if (fact != null) {
                accepted++;
                merged.merge(fact.key(), fact, (a, b) -> a.mergedWith(b, a.data().equals(b.data())));
            }
        }
        counter("billing.events.consumed", topic, null).increment(accepted);
        return write(topic, table, List.copyOf(merged.values()));
    }

    private FactRow toFact(Topic topic, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            reject(topic, record, "tombstone", "tombstones are not used by the GridX topics");
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            RowEvent<? extends GridxPayload> event = (RowEvent<? extends GridxPayload>) codec.decode(topic,
                    record.value());
            Instant time = fileTimes.extractTime(event.client(), event.source().fileName())
                    .orElseGet(() -> Instant.ofEpochMilli(record.timestamp()));
            return extractor.fact(event, time);
        } catch (RuntimeException e) {
            reject(topic, record, "invalid", e.getMessage());
            return null;
        }
    }

    private Uni<Void> write(Topic topic, FactTable table, List<FactRow> rows) {
        return facts.write(table, rows)
                .onFailure(e -> !isDataError(e)).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .indefinitely()
                .onFailure(GridxConsumers::isDataError).recoverWithUni(e -> {
                    LOG.warnf("%s: batch of %d refused by the database (%s); writing row by row", topic.topicName(),
                            rows.size(), e.getMessage());
                    return Multi.createFrom().iterable(rows)
                            .onItem().transformToUniAndConcatenate(row -> facts.write(table, List.of(row))
                                    .onFailure(GridxConsumers::isDataError).recoverWithItem(f -> {
                                        LOG.warnf("%s: skipping row %s: %s", topic.topicName(), row.key(),
                                                f.getMessage());
                                        counter("billing.events.rejected", topic, "database").increment();
                                        return null;
                                    })
                                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                                    .indefinitely())
                            .collect().last().replaceWithVoid();
                });
    }

    private void reject(Topic topic, ConsumerRecord<String, byte[]> record, String reason, String detail) {
        LOG.warnf("%s partition %d offset %d skipped (%s): %s", record.topic(), record.partition(), record.offset(),
                reason, detail);
        counter("billing.events.rejected", topic, reason).increment();
    }

    private Counter counter(String name, Topic topic, String reason) {
        Counter.Builder b = Counter.builder(name).tag("topic", topic.topicName());
        if (reason != null) {
            b.tag("reason", reason);
        }
        return b.register(registry);
    }

    static boolean isDataError(Throwable e) {
        return e instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }
}
