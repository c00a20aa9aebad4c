package org.lfenergy.cds.usage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.lfenergy.cds.usage.config.UsageConfig;

/**
 * Consumes {@code gridx.intervals.v1}, the volume topic, with {@code usage.intervals.concurrency} plain Kafka
 * consumers, each polling and handling its batches on a thread of its own ({@link TopicPollLoop}). The smaller topics
 * stay on the messaging connector ({@link GridxConsumers}). The consumers take every {@code kafka.*} setting of the
 * service (bootstrap servers, TLS and SASL, group, {@code read_committed}, timeouts), report their partitions to the
 * shared {@link TopicAssignments}, publish the Kafka client's metrics (records-lag-max and the rest) and are watched
 * by {@link org.lfenergy.cds.usage.health.IntervalConsumerHealth}.
 */
@ApplicationScoped
public class IntervalConsumers {

    private static final Logger LOG = Logger.getLogger(IntervalConsumers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final UsageConfig.IntervalConsumer config;
    private final Map<String, Object> kafkaConfig;
    private final GridxConsumers handlers;
    private final TopicAssignments assignments;
    private final MeterRegistry registry;
    private final List<TopicPollLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaClientMetrics> metrics = new ArrayList<>();

    public IntervalConsumers(UsageConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                             GridxConsumers handlers, @Identifier("usage-assignments") TopicAssignments assignments,
                             MeterRegistry registry) {
        this.config = config.intervals();
        this.kafkaConfig = kafkaConfig;
        this.handlers = handlers;
        this.assignments = assignments;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.infof("consumption of %s is disabled (usage.intervals.enabled=false)", config.topic());
            return;
        }
        for (int i = 0; i < config.concurrency(); i++) {
            String name = "usage-intervals-" + i;
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(name),
                    new StringDeserializer(), new ByteArrayDeserializer());
            KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer);
            clientMetrics.bindTo(registry);
            metrics.add(clientMetrics);
            TopicPollLoop loop = new TopicPollLoop(name, config.topic(), consumer, handlers::intervals, assignments,
                    config.pollTimeout(), config.maxRetryBackoff());
            Thread thread = new Thread(loop, name);
            thread.setDaemon(true);
            loops.add(loop);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.infof("consuming %s with %d consumers of group %s", config.topic(), loops.size(),
                kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(TopicPollLoop::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warnf("%s did not end within %s; its uncommitted records will be read again", t.getName(),
                        STOP_WAIT);
            }
        }
        metrics.forEach(KafkaClientMetrics::close);
    }

    /** The service's Kafka client settings with this consumer's own: its client id, deserializers, batch size. */
    Map<String, Object> consumerProperties(String name) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        String clientId = String.valueOf(props.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG, "usage-service"));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        return props;
    }

    /** The running consumers (for health and tests). */
    List<TopicPollLoop> loops() {
        return List.copyOf(loops);
    }

    /** Whether the topic is consumed at all. */
    public boolean enabled() {
        return config.enabled();
    }

    /** The longest a consumer may go without polling before it is considered stuck. */
    public Duration maxPollInterval() {
        return config.maxPollInterval();
    }

    /** A snapshot of each consumer's state, for the health check. */
    public List<State> states() {
        return loops.stream().map(l -> new State(l.name(), l.ended(), l.sinceLastPoll(), l.batches(), l.records(),
                l.failures(), l.failingSince() == null ? null : l.failingSince().toString(), l.lastFailure())).toList();
    }

    /** One consumer's state. */
    public record State(String name, boolean ended, Duration sinceLastPoll, long batches, long records,
                        long failures, String failingSince, String lastFailure) {
    }
}
