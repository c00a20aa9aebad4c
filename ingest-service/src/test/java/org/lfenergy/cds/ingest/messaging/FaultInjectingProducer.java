package org.lfenergy.cds.ingest.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A real transactional producer that fails chosen {@code commitTransaction} calls the way the Kafka client does when
 * the cluster misbehaves. Everything else goes to the real producer, so the broker sees real transactions, real
 * aborts and real commits. Faults are planned per commit call, counted across every producer of one {@link Plan}
 * (a sink recreates its producer after some failures).
 */
final class FaultInjectingProducer implements Producer<String, byte[]> {

    /** What the n-th {@code commitTransaction} call does. */
    enum Fault {
        /** The EndTxn answer did not come within max.block.ms and the commit has not happened yet. */
        TIMEOUT_BEFORE_COMMIT,
        /** The commit happened on the broker but its answer was lost: a retried commit only returns. */
        TIMEOUT_AFTER_COMMIT,
        /** A send of the chunk failed with too few in-sync replicas (reported at commit, transaction abortable). */
        NOT_ENOUGH_REPLICAS,
        /** A send of the chunk was refused by the topic's ACL. */
        TOPIC_AUTHORIZATION
    }

    /** Faults by commit call number (1-based), shared by the producers a test's sink creates. */
    static final class Plan {
        private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();
        private final AtomicInteger commits = new AtomicInteger();

        Plan fail(int commitCall, Fault fault) {
            faults.put(commitCall, fault);
            return this;
        }

        int commitCalls() {
            return commits.get();
        }
    }

    private final Producer<String, byte[]> real;
    private final Plan plan;
    /** After {@link Fault#TIMEOUT_AFTER_COMMIT}: the client's pending commit result, already successful. */
    private boolean commitCompletedUnacknowledged;

    FaultInjectingProducer(Producer<String, byte[]> real, Plan plan) {
        this.real = real;
        this.plan = plan;
    }

    @Override
    public void commitTransaction() {
        if (commitCompletedUnacknowledged) {
            // KafkaProducer: retrying a timed-out commit awaits the same (here: completed) result.
            commitCompletedUnacknowledged = false;
            plan.commits.incrementAndGet();
            return;
        }
        Fault fault = plan.faults.get(plan.commits.incrementAndGet());
        if (fault == null) {
            real.commitTransaction();
            return;
        }
        switch (fault) {
            case TIMEOUT_BEFORE_COMMIT -> throw new TimeoutException(
                    "Timeout expired after 60000ms while awaiting EndTxn(true) (injected)");
            case TIMEOUT_AFTER_COMMIT -> {
                real.commitTransaction();
                commitCompletedUnacknowledged = true;
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true) (injected, "
                        + "commit completed)");
            }
            case NOT_ENOUGH_REPLICAS -> {
                real.flush(); // the chunk's records reached the log; one partition's write then failed
                throw new KafkaException(
                    "Cannot execute transactional method because we are in an error state",
                    new NotEnoughReplicasException("The size of the current ISR Set(1) is insufficient to satisfy the "
                            + "min.isr requirement of 2 (injected)"));
            }
            case TOPIC_AUTHORIZATION -> {
                real.flush();
                throw new KafkaException("Cannot execute transactional method because we are in an error state",
                        new TopicAuthorizationException(Set.of("gridx.customers.v1")));
            }
            default -> throw new IllegalStateException(fault.name());
        }
    }

    @Override
    public void abortTransaction() {
        if (commitCompletedUnacknowledged) {
            throw new KafkaException("TransactionalId: Cannot attempt operation `abortTransaction` because the previous "
                    + "call to `commitTransaction` timed out and must be retried");
        }
        real.abortTransaction();
    }

    @Override
    public void beginTransaction() {
        if (commitCompletedUnacknowledged) {
            throw new KafkaException("TransactionalId: Cannot attempt operation `beginTransaction` because the previous "
                    + "call to `commitTransaction` timed out and must be retried");
        }
        real.beginTransaction();
    }

    @Override
    public void initTransactions() {
        real.initTransactions();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        real.sendOffsetsToTransaction(offsets, group);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        real.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        real.unregisterMetricFromSubscription(metric);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return real.send(record);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        return real.send(record, callback);
    }

    @Override
    public void flush() {
        real.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return real.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return real.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return real.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        real.close();
    }

    @Override
    public void close(Duration timeout) {
        real.close(timeout);
    }
}
