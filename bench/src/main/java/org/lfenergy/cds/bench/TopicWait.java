package org.lfenergy.cds.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches a topic's end offsets (summed over partitions, every 100 ms) until they grow by {@code RECORDS}; the rate
 * is taken from the first growth seen to the last, so the producer's start-up is excluded. Prints key=value lines.
 *
 * <p>Usage: TopicWait BOOTSTRAP TOPIC RECORDS [TIMEOUT_S]
 */
public final class TopicWait {

    private TopicWait() {
    }

    public static void main(String[] args) throws Exception {
        String topic = args[1];
        long records = Long.parseLong(args[2]);
        long timeoutS = args.length > 3 ? Long.parseLong(args[3]) : 900;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
            List<TopicPartition> parts = null;
            while (parts == null || parts.isEmpty()) {
                var infos = c.partitionsFor(topic);
                parts = infos == null ? null : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                Thread.sleep(100);
            }
            long base = sum(c, parts);
            long firstAt = 0;
            long firstCount = 0;
            long n;
            while (true) {
                n = sum(c, parts) - base;
                long now = System.nanoTime();
                if (n > 0 && firstAt == 0) {
                    firstAt = now;
                    firstCount = n;
                }
                if (n >= records) {
                    double s = (now - firstAt) / 1e9;
                    System.out.printf("records=%d%n", n);
                    System.out.printf("seconds=%.3f%n", s);
                    System.out.printf("rows_per_s=%.0f%n", (n - firstCount) / s);
                    return;
                }
                if (now > deadline) {
                    throw new IllegalStateException("only " + n + " of " + records + " records in " + timeoutS + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    private static long sum(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        return c.endOffsets(parts, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }
}
