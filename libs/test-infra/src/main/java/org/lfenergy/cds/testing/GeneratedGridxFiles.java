package org.lfenergy.cds.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.TopicProvisioner;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.GridxDataSetGenerator;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * A data set written by {@code libs/gridx-generator}, read back with gridx-format's reader (every row must be
 * accepted) and published the way ingest-service publishes it: {@link GridxEvents#rowEvent}, on
 * {@link GridxEvents#topicOf}, keyed by {@link Topic#keyOf(String, GridxPayload)}, encoded by
 * {@link EventCodec#shared()}, with the CloudEvents headers of the file. Tests compute their expectations from
 * {@link #records()}, never from a service's tables.
 */
public final class GeneratedGridxFiles {

    public final String client;
    public final ZoneId zone;
    public final GenerationReport report;
    /** The extract time of the files (every generated file carries the same timestamp). */
    public final Instant fileTime;
    /** Rows read per file type (every file, whether published or not). */
    public final Map<GridxFileType, Long> rowsRead = new EnumMap<>(GridxFileType.class);
    /** Rows published per topic. */
    public final Map<Topic, Long> rowsPublished = new TreeMap<>();

    private final Map<GridxFileType, List<GridxRecord>> records = new EnumMap<>(GridxFileType.class);

    /** Generates the files of {@code config} (its client and zone) and reads them back. */
    public GeneratedGridxFiles(GeneratorConfig config) {
        this.client = config.client();
        this.zone = config.zone();
        try {
            report = new GridxDataSetGenerator(config).generate();
            Instant time = null;
            for (WrittenFile file : report.files()) {
                List<GridxRecord> list = records.computeIfAbsent(file.type(), t -> new ArrayList<>());
                try (GridxFileReader reader = GridxFileReader.open(file.path(), ReaderOptions.forClientZone(zone))) {
                    time = reader.fileName().timestamp().atZone(zone).toInstant();
                    long n = 0;
                    for (GridxRow row : reader) {
                        if (!row.accepted()) {
                            throw new IllegalStateException(file.fileName() + " line " + row.line() + " rejected: "
                                    + row.findings());
                        }
                        n++;
                        list.add(row.record());
                    }
                    rowsRead.put(file.type(), n);
                }
            }
            fileTime = time;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed records of one file type, in file order. */
    public List<GridxRecord> records(GridxFileType type) {
        return records.getOrDefault(type, List.of());
    }

    /** The parsed records of one file type of the given record class. */
    public <T extends GridxRecord> List<T> records(GridxFileType type, Class<T> recordClass) {
        return records(type).stream().map(recordClass::cast).toList();
    }

    /**
     * Publishes every accepted row of the files whose topic is in {@code topics} to the broker at
     * {@code bootstrapServers} (creating missing row topics as the catalogue defines them) and waits for Kafka to
     * acknowledge them all.
     */
    public void publish(String bootstrapServers, Set<String> topics) {
        ensureTopics(bootstrapServers);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        EventCodec codec = EventCodec.shared();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (WrittenFile file : report.files()) {
                Topic topic = GridxEvents.topicOf(file.type());
                if (!topics.contains(topic.topicName())) {
                    continue;
                }
                String fileId = UUID.randomUUID().toString();
                CloudEventHeaders.RowHeaders headers = CloudEventHeaders.forRows(topic, client, fileId,
                        file.fileName(), Instant.now());
                List<Future<?>> sent = new ArrayList<>();
                try (GridxFileReader reader = GridxFileReader.open(file.path(), ReaderOptions.forClientZone(zone))) {
                    for (GridxRow row : reader) {
                        if (!row.accepted()) {
                            continue; // ingest-service quarantines rejected rows; none are expected here
                        }
                        RowEvent<GridxPayload> event = GridxEvents.rowEvent(client, fileId, file.fileName(),
                                row.line(), row.record());
                        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic.topicName(),
                                topic.keyOf(client, event.data()), codec.encode(event));
                        headers.forLine(row.line()).forEach((k, v) -> r.headers().add(k, v));
                        sent.add(producer.send(r));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                rowsPublished.merge(topic, (long) sent.size(), Long::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The catalogue's topics with their real settings (one recipe: contracts' TopicProvisioner). */
    private static void ensureTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            TopicProvisioner.ensureTopics(admin, (short) 1, 30);
        }
    }
}
