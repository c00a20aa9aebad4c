package org.lfenergy.cds.bench;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;

/**
 * Publishes every accepted row of one GridX file as ingest-service would (same event, key, topic and producer
 * settings) but in ONE Kafka transaction, committed only once all rows are written. A {@code read_committed}
 * consumer (usage-service) sees none of the rows until the commit and then all of them at once: the rows wait on the
 * topic while the consumer keeps running (warm), without stopping the service. Prints {@code rows=},
 * {@code commit_epoch_s=} (after the commit returned) for bench/run.
 * Usage: HeldPublish BOOTSTRAP FILE CLIENT [TOPIC (default: the file type's topic)]
 */
public final class HeldPublish {

    private HeldPublish() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path file = Path.of(args[1]);
        String client = args[2];
        String topicOverride = args.length > 3 ? args[3] : null;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-held-" + UUID.randomUUID());
        // The broker's default transaction.max.timeout.ms (15 min): room for a million rows on a slow machine.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "900000");
        EventCodec codec = EventCodec.shared();
        String fileId = UUID.randomUUID().toString();
        long rows = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
             GridxFileReader reader = GridxFileReader.open(file,
                     ReaderOptions.forClientZone(ZoneId.of("America/Los_Angeles")))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (GridxRow row : reader) {
                if (!row.accepted()) {
                    continue;
                }
                RowEvent<GridxPayload> event = GridxEvents.rowEvent(client, fileId, reader.file(), row.line(),
                        row.record());
                Topic topic = GridxEvents.topicOf(row.record().type());
                String name = topicOverride == null ? topic.topicName() : topicOverride;
                producer.send(new ProducerRecord<>(name, null, topic.keyOf(client, event.data()), codec.encode(event)));
                rows++;
            }
            producer.flush();
            long published = System.currentTimeMillis();
            producer.commitTransaction();
            long committed = System.currentTimeMillis();
            System.out.printf("rows=%d%n", rows);
            System.out.printf("flushed_epoch_s=%.3f%n", published / 1000.0);
            System.out.printf("commit_epoch_s=%.3f%n", committed / 1000.0);
        }
    }
}
