package org.lfenergy.cds.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what consumers can see of a topic (read_committed), from the beginning to its current end, in tests. */
public final class KafkaTestTopics {

    private final String bootstrapServers;

    public KafkaTestTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** All committed records of the topic whose record matches {@code filter}; empty if the topic does not exist. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return readAll(topic, filter, true);
    }

    /**
     * As {@link #readAll(String, Predicate)}; with {@code committedOnly} false it reads {@code read_uncommitted},
     * so records of aborted transactions are included (to prove that a transaction was aborted, not skipped).
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                        boolean committedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        out.add(record);
                    }
                }
            }
            return out;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 value of a record header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
