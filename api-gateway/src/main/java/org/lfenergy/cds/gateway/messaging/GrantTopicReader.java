package org.lfenergy.cds.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.gateway.config.GatewayConfig;

/**
 * Feeds the {@link GrantCache} from {@code cds.grants.v1}: every partition from the beginning on every start (no
 * consumer group, nothing committed: each gateway instance needs the whole compacted topic), read_committed, on
 * one dedicated thread. A tombstone deletes the grant; an unreadable event deletes it too (fail closed). The cache
 * counts as caught up once every partition has been read to the end offset it had when reading began; a topic
 * that does not exist yet holds no grants, so the cache is caught up at once and picks the topic up when it appears.
 */
@ApplicationScoped
public class GrantTopicReader {

    private static final Logger LOG = Logger.getLogger(GrantTopicReader.class);

    private final GrantCache cache;
    private final GatewayConfig.Grants config;
    private final Map<String, Object> kafkaConfig;
    private final EventCodec codec = EventCodec.shared();
    private final Counter updates;
    private final Counter deletions;
    private final Counter unreadable;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public GrantTopicReader(GrantCache cache, GatewayConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.cache = cache;
        this.config = config.grants();
        this.kafkaConfig = kafkaConfig;
        this.updates = registry.counter("cds.gateway.grants.events", "kind", "update");
        this.deletions = registry.counter("cds.gateway.grants.events", "kind", "delete");
        this.unreadable = registry.counter("cds.gateway.grants.events", "kind", "unreadable");
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "grant-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            // only client settings (bootstrap, security, …); group and offset settings are this reader's own
            if (!k.startsWith("group.") && !k.startsWith("enable.auto") && !k.startsWith("auto.")) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-gateway-grants-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return props;
    }

    private void run() {
        Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
        long nextTopicCheck = 0;
        while (running) {
            try {
                if (consumer == null) {
                    consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                            new ByteArrayDeserializer());
                }
                if (System.nanoTime() - nextTopicCheck >= 0) {
                    assignNewPartitions(catchUpTargets);
                    nextTopicCheck = System.nanoTime() + config.topicCheckInterval().toNanos();
                }
                if (consumer.assignment().isEmpty()) {
                    cache.markCaughtUp(); // no topic yet: no grants exist
                    Thread.sleep(Math.min(500, config.topicCheckInterval().toMillis()));
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
                    apply(record);
                }
                if (!cache.isCaughtUp() && reached(catchUpTargets)) {
                    cache.markCaughtUp();
                    LOG.infof("grant cache caught up with %s: %d grants", config.topic(), cache.size());
                }
            } catch (WakeupException e) {
                // stop() was called
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed, retrying in %s: %s", config.topic(), config.retryBackoff(), e.toString());
                pause(config.retryBackoff());
            }
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.close(Duration.ofSeconds(2));
        }
    }

    private void assignNewPartitions(Map<TopicPartition, Long> catchUpTargets) {
        List<PartitionInfo> infos = consumer.partitionsFor(config.topic(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        Set<TopicPartition> wanted = new HashSet<>();
        infos.forEach(p -> wanted.add(new TopicPartition(p.topic(), p.partition())));
        Set<TopicPartition> added = new HashSet<>(wanted);
        added.removeAll(consumer.assignment());
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(wanted);
        consumer.seekToBeginning(added);
        if (!cache.isCaughtUp()) {
            catchUpTargets.putAll(consumer.endOffsets(added));
        }
        LOG.infof("reading %s partitions %s from the beginning", config.topic(), added);
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> e : targets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (record.value() == null) {
            if (key != null) {
                cache.remove(key);
                deletions.increment();
            }
            return;
        }
        try {
            GrantEvent grant = codec.decode(record.value(), GrantEvent.class);
            if (key != null && !key.equals(grant.grantId())) {
                throw new IllegalArgumentException("key " + key + " differs from grant_id " + grant.grantId());
            }
            cache.put(grant);
            updates.increment();
        } catch (RuntimeException e) {
            unreadable.increment();
            if (key != null) {
                cache.remove(key);
            }
            LOG.warnf("unreadable grant event at %s-%d@%d (grant %s forgotten): %s", record.topic(),
                    record.partition(), record.offset(), key, e.getMessage());
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
