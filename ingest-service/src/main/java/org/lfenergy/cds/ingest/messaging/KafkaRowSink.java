package org.lfenergy.cds.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lfenergy.cds.ingest.processing.ChunkCheckpoint;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;
import org.lfenergy.cds.ingest.processing.ChunkPublishException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.EventSource;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
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
 *
 * <p>Two threads share the work: the file's reader thread parses, validates and encodes each row, and a dedicated
 * sender thread hands the records to the producer, whose {@code send} appends and compresses on the calling thread.
 * A bounded queue between them keeps memory flat; begin, commit and abort travel through the same queue, so the
 * transaction sees exactly the records queued before them.
 */
@ApplicationScoped
public class KafkaRowSink implements RowSink {

    private static final ProducerRecord<String, byte[]> BEGIN = new ProducerRecord<>("begin", new byte[0]);
    private static final int QUEUE_CAPACITY = 8192;
    private static final String ROLE = "rows";
    private static final Logger LOG = Logger.getLogger(KafkaRowSink.class);

    private final RecordTracing tracing;
    private final EventCodec codec = EventCodec.shared();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-kafka-sender");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<Producer<String, byte[]>> producers;
    private final String transactionalId;
    private final CheckpointTopic checkpoints;
    /** Sender thread only. */
    private Producer<String, byte[]> producer;
    private String headersFileId;
    private io.opentelemetry.api.trace.Span headersSpan;
    private CloudEventHeaders.RowHeaders rowHeaders;
    private Map<String, byte[]> traceHeaders = Map.of();
    /** Reader thread only: a chunk is open, or its commit timed out and may be committed again. */
    private boolean open;
    private boolean pending;
    private volatile RuntimeException senderFailure;

    @Inject
    public KafkaRowSink(ProducerFactory producers, CheckpointTopic checkpoints, RecordTracing tracing) {
        this(() -> producers.transactional(ROLE), producers.transactionalId(producers.instanceId(), ROLE), checkpoints,
                tracing);
    }

    /**
     * A sink whose transactional producers come from {@code producers} (called again whenever a producer had to be
     * dropped); {@code transactionalId} names them in failure messages.
     */
    public KafkaRowSink(Supplier<Producer<String, byte[]>> producers, String transactionalId,
                        CheckpointTopic checkpoints, RecordTracing tracing) {
        this.producers = producers;
        this.transactionalId = transactionalId;
        this.checkpoints = checkpoints;
        this.tracing = tracing;
        sender.submit(this::sendLoop);
    }

    /** A commit or abort request; the reader thread waits for its outcome. */
    private static final class Barrier {
        final boolean commit;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Barrier(boolean commit) {
            this.commit = commit;
        }
    }

    /** A look-up of a delivery's last committed checkpoint, run on the sender thread between chunks. */
    private record Lookup(IngestFile file, CompletableFuture<Optional<ChunkCheckpoint>> done) {
    }

    @SuppressWarnings("unchecked")
    private void sendLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item instanceof Barrier barrier) {
                if (barrier.commit) {
                    commitOnSender(barrier);
                } else {
                    senderFailure = null;
                    dropTransaction(false);
                    barrier.done.complete(null);
                }
            } else if (item instanceof Lookup lookup) {
                try {
                    // The producer's initialisation aborts what a previous producer with this transactional id left
                    // open, so the read below need not wait for that transaction's timeout.
                    producer();
                    lookup.done.complete(checkpoints.latest(lookup.file));
                } catch (IllegalArgumentException e) {
                    lookup.done.completeExceptionally(e); // a record that is not a checkpoint: nothing to retry
                } catch (RuntimeException e) {
                    KafkaErrors.Kind kind = KafkaErrors.classify(e);
                    if (kind == KafkaErrors.Kind.BROKEN_PRODUCER) {
                        dropTransaction(true);
                    }
                    lookup.done.completeExceptionally(new ChunkPublishException(kind == KafkaErrors.Kind.PERMANENT
                            ? ChunkPublishException.Recovery.NONE : ChunkPublishException.Recovery.REPUBLISH,
                            KafkaErrors.innermost(e).getClass().getSimpleName(), KafkaErrors.describe(e), e));
                }
            } else if (item == BEGIN) {
                try {
                    producer().beginTransaction();
                } catch (RuntimeException e) {
                    senderFailure = e;
                }
            } else if (senderFailure == null) {
                try {
                    producer.send((ProducerRecord<String, byte[]>) item);
                } catch (RuntimeException e) {
                    senderFailure = e;
                }
            }
        }
    }

    /**
     * Commits the open transaction (or, after a commit that timed out, waits for that commit again). A send or begin
     * that failed earlier in the chunk fails the commit. Anything but a timed-out commit drops the transaction: the
     * chunk is then invisible to read_committed consumers and may be published again.
     */
    private void commitOnSender(Barrier barrier) {
        RuntimeException failure = senderFailure;
        senderFailure = null;
        if (failure == null) {
            try {
                if (producer == null) {
                    throw new IllegalStateException("no open transaction to commit");
                }
                producer.commitTransaction();
                barrier.done.complete(null);
                return;
            } catch (TimeoutException e) {
                // The commit may still complete on the broker: only committing again is safe (KafkaProducer contract),
                // and the producer keeps the pending commit, so the next commit barrier awaits that same commit.
                barrier.done.completeExceptionally(new ChunkPublishException(ChunkPublishException.Recovery.RETRY_COMMIT,
                        KafkaErrors.innermost(e).getClass().getSimpleName(),
                        "commit not acknowledged in time: " + KafkaErrors.describe(e), e));
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        KafkaErrors.Kind kind = KafkaErrors.classify(failure);
        dropTransaction(kind == KafkaErrors.Kind.BROKEN_PRODUCER);
        String message = KafkaErrors.describe(failure);
        if (kind == KafkaErrors.Kind.BROKEN_PRODUCER) {
            message += " (transactional id " + transactionalId + ": fenced by another producer with this id, i.e. an "
                    + "instance with the same cds.ingest.kafka.instance-id, or aborted after the transaction timeout)";
        }
        barrier.done.completeExceptionally(new ChunkPublishException(kind == KafkaErrors.Kind.PERMANENT
                ? ChunkPublishException.Recovery.NONE : ChunkPublishException.Recovery.REPUBLISH,
                KafkaErrors.innermost(failure).getClass().getSimpleName(), message, failure));
    }

    /**
     * Aborts the open transaction; a producer that cannot abort (fenced, broken, a commit still pending) is closed
     * instead, and the next chunk starts with a new one, whose initialisation aborts what this one left open.
     */
    private void dropTransaction(boolean recreate) {
        if (producer == null) {
            return;
        }
        if (!recreate) {
            try {
                producer.abortTransaction();
                return;
            } catch (RuntimeException e) {
                LOG.debugf("abort failed (%s); closing the producer", KafkaErrors.describe(e));
            }
        }
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("close failed: %s", KafkaErrors.describe(e));
        }
        producer = null;
    }

    private void enqueue(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    private void await(Barrier barrier) {
        enqueue(barrier);
        try {
            barrier.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    @Override
    public void begin() {
        enqueue(BEGIN);
        open = true;
    }

    @Override
    public void accepted(IngestFile file, GridxRow row) {
        Topic topic = GridxEvents.topicOf(row.record().type());
        RowEvent<GridxPayload> event = GridxEvents.rowEvent(file.client(), file.id().toString(), file.name(), row.line(),
                row.record());
        String key = topic.keyOf(file.client(), event.data());
        CloudEventHeaders.RowHeaders h = headers(file, topic);
        enqueue(new ProducerRecord<>(topic.topicName(), null, key, codec.encode(event),
                new RecordHeaders(toHeaders(h.forLine(row.line()), traceHeaders))));
    }

    @Override
    public void rejected(IngestFile file, GridxRow row, List<Finding> rejections) {
        Instant now = Instant.now();
        EventSource source = new EventSource(file.id().toString(), file.name(), row.line());
        for (Finding f : rejections) {
            RejectEvent event = new RejectEvent(file.client(), source, file.fileType(), f.column(), f.value(), f.ruleId(),
                    RejectSeverity.valueOf(f.severity().name()), f.message(), row.raw(), now);
            enqueue(new ProducerRecord<>(Topic.REJECTS.topicName(), null, Topic.REJECTS.keyOf(event),
                    codec.encode(event), new RecordHeaders(toHeaders(CloudEventHeaders.forReject(event),
                            tracing.currentContextHeaders()))));
        }
    }

    @Override
    public void checkpoint(IngestFile file, long committedThroughLine) {
        ChunkCheckpoint checkpoint = new ChunkCheckpoint(file.id(), file.name(), committedThroughLine);
        enqueue(new ProducerRecord<>(ChunkCheckpoint.TOPIC, null, checkpoint.key(), checkpoint.encode()));
    }

    @Override
    public Optional<ChunkCheckpoint> lastCheckpoint(IngestFile file) {
        if (open || pending) {
            throw new IllegalStateException("checkpoint look-up with a chunk open");
        }
        Lookup lookup = new Lookup(file, new CompletableFuture<>());
        enqueue(lookup);
        try {
            return lookup.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + ChunkCheckpoint.TOPIC, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Returns once every record of the chunk is acknowledged and the transaction committed; throws
     * {@link ChunkPublishException} if not (after {@code RETRY_COMMIT} the chunk stays pending and may be committed
     * again).
     */
    @Override
    public void commit() {
        if (open || pending) {
            open = false;
            pending = false;
            try {
                await(new Barrier(true));
            } catch (ChunkPublishException e) {
                pending = e.recovery() == ChunkPublishException.Recovery.RETRY_COMMIT;
                throw e;
            }
        }
    }

    @Override
    public void abort() {
        if (open || pending) {
            open = false;
            pending = false;
            await(new Barrier(false));
        }
    }

    /** The file's CloudEvents headers and, in {@link #traceHeaders}, its trace context: computed once per file. */
    private CloudEventHeaders.RowHeaders headers(IngestFile file, Topic topic) {
        String cacheKey = file.id() + "|" + topic.topicName();
        io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.current();
        if (!cacheKey.equals(headersFileId) || span != headersSpan) {
            rowHeaders = CloudEventHeaders.forRows(topic, file.client(), file.id().toString(), file.name(),
                    file.receivedAt().toInstant());
            traceHeaders = tracing.currentContextHeaders();
            headersFileId = cacheKey;
            headersSpan = span;
        }
        return rowHeaders;
    }

    static org.apache.kafka.common.header.Header[] toHeaders(Map<String, byte[]> headers, Map<String, byte[]> trace) {
        org.apache.kafka.common.header.Header[] out =
                new org.apache.kafka.common.header.Header[headers.size() + trace.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : headers.entrySet()) {
            out[i++] = new org.apache.kafka.common.header.internals.RecordHeader(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, byte[]> e : trace.entrySet()) {
            out[i++] = new org.apache.kafka.common.header.internals.RecordHeader(e.getKey(), e.getValue());
        }
        return out;
    }

    void onStop(@Observes ShutdownEvent ignored) {
        close();
    }

    /** Stops the sender thread and closes its producer (an open transaction is aborted by the broker). */
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Producer<String, byte[]> last = producer;
        if (last != null) {
            last.close(Duration.ofSeconds(10));
        }
    }
}
