package org.lfenergy.cds.usage.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks which partitions this instance consumes. On assignment it resolves each partition's start position at once
 * (so that with {@code auto.offset.reset=latest}, as in tests, every record produced after assignment is read).
 */
@ApplicationScoped
@Identifier("usage-assignments")
public class TopicAssignments implements KafkaConsumerRebalanceListener {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> startPositions = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            startPositions.put(tp, consumer.position(tp));
        }
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    /** Number of partitions of a topic currently assigned to this instance. */
    public int assignedPartitions(String topic) {
        return (int) assigned.stream().filter(tp -> tp.topic().equals(topic)).count();
    }
}
