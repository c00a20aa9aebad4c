package org.lfenergy.cds.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the consumer groups have committed up to the end of every partition they consume (the read models
 * have caught up), polling every 500 ms. ingest-service publishes in transactions, so a partition's log ends with a
 * commit marker that no consumer commits past: a lag of at most 1 per partition counts as caught up once the committed
 * offsets have not moved for 6 s (longer than the consumers' commit interval). Prints the seconds waited.
 *
 * <p>Usage: LagWait BOOTSTRAP TIMEOUT_S GROUP...
 */
public final class LagWait {

    private LagWait() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        long timeoutS = Long.parseLong(args[1]);
        long start = System.nanoTime();
        Map<String, Long> previous = Map.of();
        long stableSince = System.nanoTime();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                long lag = 0;
                Map<String, Long> now = new HashMap<>();
                for (int i = 2; i < args.length; i++) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(args[i])
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    for (var e : committed.entrySet()) {
                        if (e.getValue() != null) {
                            long l = ends.get(e.getKey()).offset() - e.getValue().offset();
                            lag += l > 1 ? l : 0;
                            now.put(args[i] + "/" + e.getKey(), e.getValue().offset());
                        }
                    }
                }
                if (!now.equals(previous)) {
                    stableSince = System.nanoTime();
                    previous = now;
                }
                double s = (System.nanoTime() - start) / 1e9;
                if (lag == 0 && System.nanoTime() - stableSince > 6_000_000_000L) {
                    System.out.printf("caught_up_after_s=%.1f%n", s);
                    return;
                }
                if (s > timeoutS) {
                    throw new IllegalStateException("lag still " + lag + " after " + timeoutS + " s");
                }
                Thread.sleep(500);
            }
        }
    }
}
