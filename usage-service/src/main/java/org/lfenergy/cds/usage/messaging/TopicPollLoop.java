package org.lfenergy.cds.usage.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One Kafka consumer of one topic on a thread of its own: poll a batch, hand it to the handler, commit its offsets,
 * poll the next. Nothing of it runs on a Vert.x event loop, so a large batch never holds up an HTTP request (the
 * messaging connector wrapped every polled record on a shared event loop: docs/reliability.md, "Cause found").
 *
 * <p>At-least-once: offsets are committed only after the handler returned; the commit is asynchronous after each
 * batch and synchronous when partitions are revoked and on stop, so a rebalance or a shutdown hands the partitions
 * over at the first unhandled record. A handler that throws leaves its batch uncommitted: the consumer seeks back to
 * the batch's first offsets and the batch is handled again after a back-off (doubling up to {@code maxBackoff}), so a
 * failing batch is retried, never skipped. The handler must therefore be idempotent (every read-model write is an
 * upsert on natural keys). A poll that fails (e.g. authorization) is retried the same way; any other error ends the
 * loop, which the liveness check reports.
 */
final class TopicPollLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicPollLoop.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    /** Handles one polled batch; throwing leaves the batch to be handled again. */
    @FunctionalInterface
    interface BatchHandler {
        void handle(ConsumerRecords<String, byte[]> records);
    }

    private final String name;
    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final BatchHandler handler;
    private final KafkaConsumerRebalanceListener assignments;
    private final Duration pollTimeout;
    private final Duration maxBackoff;

    /** Offsets handled but not yet committed synchronously (poll thread only). */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    /** The wait before the next attempt after a failure (poll thread only). */
    private Duration backoff = INITIAL_BACKOFF;
    private volatile boolean running = true;
    private volatile boolean ended;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Instant failingSince;
    private volatile String lastFailure;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    TopicPollLoop(String name, String topic, Consumer<String, byte[]> consumer, BatchHandler handler,
                  KafkaConsumerRebalanceListener assignments,
                  Duration pollTimeout, Duration maxBackoff) {
        this.name = name;
        this.topic = topic;
        this.consumer = consumer;
        this.handler = handler;
        this.assignments = assignments;
        this.pollTimeout = pollTimeout;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Listener());
            while (running) {
                ConsumerRecords<String, byte[]> batch;
                try {
                    batch = consumer.poll(pollTimeout);
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) { // e.g. an authorization failure: the next poll may succeed
                    failed("polling failed", e);
                    backOff();
                    continue;
                }
                lastPollNanos = System.nanoTime();
                if (batch.isEmpty()) {
                    continue;
                }
                if (handle(batch)) {
                    backoff = INITIAL_BACKOFF;
                } else {
                    rewind(batch);
                    backOff();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "%s: consumer of %s ended unexpectedly", name, topic);
            lastFailure = e.toString();
        } finally {
            commitHandled(List.copyOf(handled.keySet()));
            closeQuietly();
            ended = true;
        }
    }

    private void failed(String what, RuntimeException e) {
        long n = failures.incrementAndGet();
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        lastFailure = e.toString();
        LOG.errorf(e, "%s: %s on %s (failure %d); retrying after a back-off", name, what, topic, n);
    }

    /** Handles a batch and commits it; false when the handler threw (nothing committed). */
    private boolean handle(ConsumerRecords<String, byte[]> batch) {
        try {
            handler.handle(batch);
        } catch (RuntimeException e) {
            failed("a batch of " + batch.count() + " records failed, it is handled again", e);
            return false;
        }
        failingSince = null;
        batches.incrementAndGet();
        records.addAndGet(batch.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> own = batch.records(tp);
            offsets.put(tp, new OffsetAndMetadata(own.get(own.size() - 1).offset() + 1));
        }
        handled.putAll(offsets);
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) { // a later commit or the synchronous one at revocation covers these offsets
                LOG.debugf("%s: asynchronous commit failed: %s", name, failure.toString());
            }
        });
        return true;
    }

    /** Moves each partition of a failed batch back to the batch's first record. */
    private void rewind(ConsumerRecords<String, byte[]> batch) {
        for (TopicPartition tp : batch.partitions()) {
            consumer.seek(tp, batch.records(tp).get(0).offset());
        }
    }

    private void commitHandled(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = handled.get(tp);
            if (o != null) {
                offsets.put(tp, o);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } catch (WakeupException e) {
            try { // stop() raced the commit: commit once more, the wakeup is consumed
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
            } catch (KafkaException again) {
                LOG.warnf("%s: offsets %s not committed (%s); their records will be read again", name, offsets,
                        again.toString());
            }
        } catch (KafkaException e) {
            LOG.warnf("%s: offsets %s not committed (%s); their records will be read again", name, offsets,
                    e.toString());
        }
        handled.keySet().removeAll(partitions);
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("%s: closing the consumer failed: %s", name, e.toString());
        }
    }

    /** Waits the current back-off, then doubles it up to {@code maxBackoff} (reset by the next handled batch). */
    private void backOff() {
        Duration d = backoff;
        backoff = min(backoff.multipliedBy(2), maxBackoff);
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Asks the loop to end after the batch in hand; the consumer commits what was handled and closes. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    String name() {
        return name;
    }

    /** Whether the loop has ended (stopped, or ended by an unexpected error). */
    boolean ended() {
        return ended;
    }

    /** Time since the last poll returned: a loop busy with one batch (or its write retries) does not poll. */
    Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    /** When the batch in hand started failing, or null. */
    Instant failingSince() {
        return failingSince;
    }

    String lastFailure() {
        return lastFailure;
    }

    long batches() {
        return batches.get();
    }

    long records() {
        return records.get();
    }

    long failures() {
        return failures.get();
    }

    /** Commits what was handled before partitions go, then tells the shared assignment tracker. */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitHandled(partitions);
            assignments.onPartitionsRevoked(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignments.onPartitionsAssigned(consumer, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handled.keySet().removeAll(partitions); // another member owns them now: its commits count
            assignments.onPartitionsRevoked(consumer, partitions);
        }
    }
}
