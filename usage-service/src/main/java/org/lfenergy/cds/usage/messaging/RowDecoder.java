package org.lfenergy.cds.usage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.IntervalEventReader;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/**
 * Decodes a consumed batch with the shared {@link EventCodec} (interval events, the volume, with the streaming
 * {@link IntervalEventReader}, which accepts and refuses exactly the same); a record that cannot be decoded
 * (poison) is logged with its partition and offset, counted ({@code usage.events.skipped}) and skipped. Also keeps
 * the age of the newest consumed record per topic ({@code usage.consumer.record.age}), a lag indicator in seconds.
 */
@ApplicationScoped
public class RowDecoder {

    private static final Logger LOG = Logger.getLogger(RowDecoder.class);

    private final MeterRegistry registry;
    private final EventCodec codec = EventCodec.shared();
    private final IntervalEventReader intervals = IntervalEventReader.shared();
    private final Map<String, AtomicLong> newestTimestamp = new ConcurrentHashMap<>();

    public RowDecoder(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The decodable row events of a batch, in offset order. */
    public <T extends GridxPayload> List<RowEvent<T>> decode(Topic topic, ConsumerRecords<String, byte[]> records,
                                                             Class<T> payloadType) {
        List<RowEvent<T>> out = new ArrayList<>(records.count());
        IntervalEventReader.Batch interval = payloadType == IntervalPayload.class ? intervals.batch() : null;
        long newest = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            newest = Math.max(newest, r.timestamp());
            if (r.value() == null) {
                continue; // tombstone on a compacted topic: the source row is gone; rows are only ever replaced
            }
            try {
                @SuppressWarnings("unchecked")
                RowEvent<T> e = interval != null ? (RowEvent<T>) (RowEvent<?>) interval.read(r.value())
                        : codec.decodeRow(r.value(), payloadType);
                if (e.data() == null) {
                    skip(topic, r, "no data");
                    continue;
                }
                out.add(e);
            } catch (RuntimeException ex) {
                skip(topic, r, ex.getMessage());
            }
        }
        registry.counter("usage.events.consumed", "topic", topic.topicName()).increment(records.count());
        if (newest > 0) {
            newestTimestamp.computeIfAbsent(topic.topicName(), t -> {
                AtomicLong holder = new AtomicLong();
                registry.gauge("usage.consumer.record.age", List.of(io.micrometer.core.instrument.Tag.of("topic", t)),
                        holder, h -> h.get() == 0 ? 0 : (System.currentTimeMillis() - h.get()) / 1000.0);
                return holder;
            }).accumulateAndGet(newest, Math::max);
        }
        return out;
    }

    /** Counts and logs a record that cannot be used. */
    public void skip(Topic topic, ConsumerRecord<?, ?> r, String reason) {
        LOG.warnf("Skipping %s record at partition %d offset %d: %s", topic.topicName(), r.partition(), r.offset(),
                reason);
        registry.counter("usage.events.skipped", "topic", topic.topicName(), "reason", "undecodable").increment();
    }

    /** Counts and logs a decoded row that cannot be stored. */
    public void reject(Topic topic, RowEvent<?> e, String reason) {
        LOG.warnf("Skipping %s row %s line %d: %s", topic.topicName(), e.source().fileName(), e.source().line(), reason);
        registry.counter("usage.events.skipped", "topic", topic.topicName(), "reason", "invalid").increment();
    }
}
