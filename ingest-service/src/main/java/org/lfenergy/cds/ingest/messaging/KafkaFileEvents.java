package org.lfenergy.cds.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.contracts.ingest.DigestDiscrepancy;
import org.lfenergy.cds.contracts.ingest.DigestReconciliation;
import org.lfenergy.cds.contracts.ingest.FileCounts;
import org.lfenergy.cds.ingest.digest.DigestEntry;
import org.lfenergy.cds.contracts.ingest.FileFailure;
import org.lfenergy.cds.contracts.ingest.FileLifecycleEvent;
import org.lfenergy.cds.contracts.ingest.FileStatus;
import org.lfenergy.cds.contracts.ingest.FileTimings;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.ingest.intake.FileEvents;
import org.lfenergy.cds.ingest.processing.FileProcessor;
import org.lfenergy.cds.ingest.registry.IngestFile;

/** Publishes file lifecycle events on gridx.files.v1, keyed by file id (compacted: the last status per file stays). */
@ApplicationScoped
public class KafkaFileEvents implements FileEvents {

    private static final Logger LOG = Logger.getLogger(KafkaFileEvents.class);

    private final ProducerFactory producers;
    private final org.lfenergy.cds.contracts.tracing.RecordTracing tracing;
    private final EventCodec codec = EventCodec.shared();
    private KafkaProducer<String, byte[]> producer;

    public KafkaFileEvents(ProducerFactory producers, org.lfenergy.cds.contracts.tracing.RecordTracing tracing) {
        this.producers = producers;
        this.tracing = tracing;
    }

    @Override
    public void received(IngestFile file) {
        publish(event(file, FileStatus.RECEIVED, null, null));
    }

    @Override
    public void duplicate(IngestFile file, IngestFile original) {
        publish(event(file, FileStatus.DUPLICATE, null, original.id().toString()));
    }

    @Override
    public void finished(IngestFile file, FileProcessor.Outcome outcome) {
        FileFailure failure = outcome.completed() ? null : new FileFailure(failureRule(outcome.failure()), outcome.failure());
        publish(event(file, outcome.completed() ? FileStatus.COMPLETED : FileStatus.FAILED, failure, null));
    }

    @Override
    public void failed(IngestFile file, String reason) {
        publish(event(file, FileStatus.FAILED, new FileFailure("GX-INGEST-ERROR", reason), null));
    }

    @Override
    public void digestReconciled(IngestFile digest, List<DigestEntry> entries) {
        List<DigestDiscrepancy> missing = new ArrayList<>();
        List<DigestDiscrepancy> mismatched = new ArrayList<>();
        for (DigestEntry e : entries) {
            DigestDiscrepancy d = new DigestDiscrepancy(e.listedName(), e.ruleId(), e.reason(),
                    e.matchedFileId() == null ? null : e.matchedFileId().toString(), e.expectedLines(), null,
                    e.expectedMd5(), null);
            if ("missing".equals(e.status())) {
                missing.add(new DigestDiscrepancy(e.listedName(), "GX-XFILE-DIGEST-MISSING",
                        "listed in the Daily Digest but not arrived yet", null, e.expectedLines(), null, e.expectedMd5(), null));
            } else if ("mismatched".equals(e.status())) {
                mismatched.add(d);
            }
        }
        long matched = entries.stream().filter(e -> "matched".equals(e.status())).count();
        FileLifecycleEvent base = event(digest, FileStatus.COMPLETED, null, null);
        publish(new FileLifecycleEvent(base.fileId(), base.fileName(), base.client(), base.fileType(), base.topic(),
                base.sizeBytes(), base.md5(), base.status(), base.occurredAt(), base.counts(), base.timings(), null, null,
                new DigestReconciliation(Instant.now(), entries.size(), (int) matched, missing, mismatched)));
    }

    private FileLifecycleEvent event(IngestFile file, FileStatus status, FileFailure failure, String duplicateOf) {
        String topic = topicName(file.fileType());
        return new FileLifecycleEvent(file.id().toString(), file.name(), file.client(), file.fileType(), topic,
                file.sizeBytes(), file.md5(), status, Instant.now(),
                new FileCounts(file.dataRows(), file.publishedRows(), file.rejectedRows(), file.warnings()),
                new FileTimings(instant(file.receivedAt()), instant(file.startedAt()), null, instant(file.finishedAt())),
                failure, duplicateOf, null);
    }

    private synchronized void publish(FileLifecycleEvent event) {
        if (producer == null) {
            producer = producers.plain();
        }
        try {
            producer.send(new ProducerRecord<>(Topic.FILES.topicName(), null, Topic.FILES.keyOf(event), codec.encode(event),
                    new RecordHeaders(KafkaRowSink.toHeaders(CloudEventHeaders.forFile(event),
                            tracing.currentContextHeaders())))).get();
        } catch (Exception e) {
            // The registry stays the source of truth for a file's status; a missed lifecycle event is logged.
            LOG.errorf(e, "cannot publish lifecycle event %s of %s", event.status(), event.fileName());
        }
    }

    private static String topicName(String fileType) {
        try {
            return GridxEvents.topicOf(GridxFileType.valueOf(fileType)).topicName();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String failureRule(String failure) {
        if (failure != null) {
            int start = failure.indexOf("GX-");
            if (start >= 0) {
                int end = failure.indexOf(' ', start);
                return end > start ? failure.substring(start, end) : failure.substring(start);
            }
        }
        return "GX-FILE-FAILED";
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
