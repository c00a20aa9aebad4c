package org.lfenergy.cds.usage.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Tracks which partitions this instance consumes. On assignment it resolves each partition's start position at once
 * (so that with {@code auto.offset.reset=latest}, as in tests, every record produced after assignment is read).
 *
 * <p>Resolving a position asks the group coordinator for the committed offset and blocks up to
 * {@code default.api.timeout.ms}. Right after a broker restart that lookup can time out; thrown out of this listener
 * the failure would end the channel for good (SmallRye reports it and stops consuming, readiness stays DOWN until a
 * restart: found by the Kafka fault drill). A position that cannot be resolved now is left to the consumer's next
 * poll, which resolves it from the same committed offset, so nothing is skipped and nothing read twice.
 */
@ApplicationScoped
@Identifier("usage-assignments")
public class TopicAssignments implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(TopicAssignments.class);

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    /** Partitions per consumer: a channel with {@code concurrency} N has N consumers (copies) sharing its topic. */
    private final Map<Consumer<?, ?>, Set<TopicPartition>> byConsumer = new IdentityHashMap<>(); // guarded by itself
    private final Map<TopicPartition, Long> startPositions = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        synchronized (byConsumer) {
            byConsumer.computeIfAbsent(consumer, c -> new HashSet<>()).addAll(partitions);
        }
        for (TopicPartition tp : partitions) {
            try {
                startPositions.put(tp, consumer.position(tp));
            } catch (RetriableException e) { // e.g. TimeoutException: the coordinator is not reachable yet
                LOG.warnf("start position of %s not resolved at assignment (%s); the next poll resolves it", tp,
                        e.toString());
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        synchronized (byConsumer) {
            Set<TopicPartition> own = byConsumer.get(consumer);
            if (own != null) {
                own.removeAll(partitions);
            }
        }
    }

    /**
     * Number of this instance's consumers that currently hold partitions of a topic: once it equals the channel's
     * {@code concurrency}, every copy has joined the group and no join-triggered rebalance is pending.
     */
    public int consumersOf(String topic) {
        synchronized (byConsumer) {
            return (int) byConsumer.values().stream()
                    .filter(own -> own.stream().anyMatch(tp -> tp.topic().equals(topic))).count();
        }
    }

    /** Number of partitions of a topic currently assigned to this instance. */
    public int assignedPartitions(String topic) {
        return (int) assigned.stream().filter(tp -> tp.topic().equals(topic)).count();
    }
}
