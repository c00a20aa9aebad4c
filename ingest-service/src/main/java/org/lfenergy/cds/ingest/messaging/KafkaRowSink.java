package org.lfenergy.cds.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.EventSource;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.ingest.RejectEvent;
import org.lfenergy.cds.contracts.ingest.RejectSeverity;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.ingest.processing.RowSink;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * Publishes a file's rows to the topic catalogue inside Kafka transactions: each chunk becomes visible to
 * read_committed consumers at once, and a crash mid-chunk leaves nothing half-published.
 */
@ApplicationScoped
public class KafkaRowSink implements RowSink {

    private final ProducerFactory producers;
    private final EventCodec codec = EventCodec.shared();
    private KafkaProducer<String, byte[]> producer;
    private String headersFileId;
    private CloudEventHeaders.RowHeaders rowHeaders;
    private boolean open;

    public KafkaRowSink(ProducerFactory producers) {
        this.producers = producers;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.transactional("rows");
        }
        return producer;
    }

    @Override
    public void begin() {
        producer().beginTransaction();
        open = true;
    }

    @Override
    public void accepted(IngestFile file, GridxRow row) {
        Topic topic = GridxEvents.topicOf(row.record().type());
        RowEvent<GridxPayload> event = GridxEvents.rowEvent(file.client(), file.id().toString(), file.name(), row.line(),
                row.record());
        String key = topic.keyOf(file.client(), event.data());
        producer().send(new ProducerRecord<>(topic.topicName(), null, key, codec.encode(event),
                new RecordHeaders(toHeaders(headers(file, topic).forLine(row.line())))));
    }

    @Override
    public void rejected(IngestFile file, GridxRow row, List<Finding> rejections) {
        Instant now = Instant.now();
        EventSource source = new EventSource(file.id().toString(), file.name(), row.line());
        for (Finding f : rejections) {
            RejectEvent event = new RejectEvent(file.client(), source, file.fileType(), f.column(), f.value(), f.ruleId(),
                    RejectSeverity.valueOf(f.severity().name()), f.message(), row.raw(), now);
            producer().send(new ProducerRecord<>(Topic.REJECTS.topicName(), null, Topic.REJECTS.keyOf(event),
                    codec.encode(event), new RecordHeaders(toHeaders(CloudEventHeaders.forReject(event)))));
        }
    }

    @Override
    public void commit() {
        if (open) {
            producer().commitTransaction();
            open = false;
        }
    }

    @Override
    public void abort() {
        if (open) {
            try {
                producer().abortTransaction();
            } catch (RuntimeException e) {
                // A fenced or broken producer cannot abort; drop it so the next file starts with a fresh one.
                producer.close();
                producer = null;
            }
            open = false;
        }
    }

    private CloudEventHeaders.RowHeaders headers(IngestFile file, Topic topic) {
        String cacheKey = file.id() + "|" + topic.topicName();
        if (!cacheKey.equals(headersFileId)) {
            rowHeaders = CloudEventHeaders.forRows(topic, file.client(), file.id().toString(), file.name(),
                    file.receivedAt().toInstant());
            headersFileId = cacheKey;
        }
        return rowHeaders;
    }

    static org.apache.kafka.common.header.Header[] toHeaders(Map<String, byte[]> headers) {
        org.apache.kafka.common.header.Header[] out = new org.apache.kafka.common.header.Header[headers.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : headers.entrySet()) {
            out[i++] = new org.apache.kafka.common.header.internals.RecordHeader(e.getKey(), e.getValue());
        }
        return out;
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
