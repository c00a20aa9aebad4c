package org.lfenergy.cds.usage.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

/**
 * The rebalance listener must never end a channel because a start position cannot be looked up right after a broker
 * restart (the Kafka fault drill of e2e found the intervals channel dead after a 60 s lookup timeout).
 */
class TopicAssignmentsTest {

    private static final TopicPartition I0 = new TopicPartition("gridx.intervals.v1", 0);
    private static final TopicPartition I1 = new TopicPartition("gridx.intervals.v1", 1);
    private static final TopicPartition C0 = new TopicPartition("gridx.customers.v1", 0);

    /** A consumer whose {@code position} answers from the map, or throws what the map holds. */
    @SuppressWarnings("unchecked")
    private static Consumer<String, byte[]> consumer(Map<TopicPartition, Object> positions) {
        return (Consumer<String, byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("position")) {
                        Object p = positions.get((TopicPartition) args[0]);
                        if (p instanceof RuntimeException e) {
                            throw e;
                        }
                        return p;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void assignmentIsRecordedWhenEveryPositionResolves() {
        TopicAssignments a = new TopicAssignments();
        a.onPartitionsAssigned(consumer(Map.of(I0, 5L, I1, 0L, C0, 7L)), List.of(I0, I1, C0));
        assertThat(a.assignedPartitions("gridx.intervals.v1")).isEqualTo(2);
        assertThat(a.assignedPartitions("gridx.customers.v1")).isEqualTo(1);
    }

    @Test
    void positionLookupTimingOutAfterABrokerRestartDoesNotFailTheAssignment() {
        TopicAssignments a = new TopicAssignments();
        a.onPartitionsAssigned(consumer(Map.of(I0, new TimeoutException(
                "Timeout of 60000ms expired before the last committed offset for partitions [gridx.intervals.v1-0]"),
                I1, 3L)), List.of(I0, I1));
        assertThat(a.assignedPartitions("gridx.intervals.v1")).isEqualTo(2);
    }

    @Test
    void aNonRetriableFailureStillPropagates() {
        TopicAssignments a = new TopicAssignments();
        assertThatThrownBy(() -> a.onPartitionsAssigned(consumer(Map.of(I0, new WakeupException())), List.of(I0)))
                .isInstanceOf(WakeupException.class);
    }

    @Test
    void revokedPartitionsAreNoLongerCounted() {
        TopicAssignments a = new TopicAssignments();
        a.onPartitionsAssigned(consumer(Map.of(I0, 1L, I1, 2L)), List.of(I0, I1));
        a.onPartitionsRevoked(consumer(Map.of()), List.of(I1));
        assertThat(a.assignedPartitions("gridx.intervals.v1")).isEqualTo(1);
    }

    @Test
    void consumersOfATopicCountOnlyTheCopiesThatHoldSomeOfItsPartitions() {
        TopicAssignments a = new TopicAssignments();
        Consumer<String, byte[]> first = consumer(Map.of(I0, 1L, I1, 2L, C0, 0L));
        Consumer<String, byte[]> second = consumer(Map.of(I0, 1L, I1, 2L));
        // the first copy joins alone and gets every partition: the second copy's join is still to come
        a.onPartitionsAssigned(first, List.of(I0, I1));
        a.onPartitionsAssigned(consumer(Map.of(C0, 0L)), List.of(C0));
        assertThat(a.assignedPartitions("gridx.intervals.v1")).isEqualTo(2);
        assertThat(a.consumersOf("gridx.intervals.v1")).isEqualTo(1);
        // the rebalance: the first copy gives one partition to the second
        a.onPartitionsRevoked(first, List.of(I0, I1));
        assertThat(a.consumersOf("gridx.intervals.v1")).isZero();
        a.onPartitionsAssigned(first, List.of(I0));
        a.onPartitionsAssigned(second, List.of(I1));
        assertThat(a.assignedPartitions("gridx.intervals.v1")).isEqualTo(2);
        assertThat(a.consumersOf("gridx.intervals.v1")).isEqualTo(2);
        assertThat(a.consumersOf("gridx.customers.v1")).isEqualTo(1);
        assertThat(a.consumersOf("gridx.registers.v1")).isZero();
    }
}
