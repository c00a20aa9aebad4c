package org.lfenergy.cds.usage.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.support.KafkaEvents;

/**
 * The loop under the INTERVAL consumers, on the real broker (a topic of its own per test, two partitions, a group of
 * its own): offsets committed only after the handler returned, a failing batch handled again from its first record
 * instead of skipped, a rebalance that hands partitions over at the first unhandled record (nothing lost, nothing
 * handled twice), a stop that commits, and an error that ends the loop reported as such.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class TopicPollLoopTest {

    private String topic;
    private String group;
    private final List<TopicPollLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Every record value handled, in order, by any loop of the test. */
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void topicOfItsOwn() throws Exception {
        topic = "test.poll-loop." + UUID.randomUUID();
        group = "test-poll-loop-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEvents.bootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stopLoopsAndDeleteTheTopic() throws Exception {
        loops.forEach(TopicPollLoop::stop);
        for (Thread t : threads) {
            t.join(30_000);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEvents.bootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String name) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEvents.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Starts a loop whose handler notes each value, then runs {@code handler}. */
    private TopicPollLoop start(String name, TopicPollLoop.BatchHandler handler, TopicAssignments assignments) {
        TopicPollLoop loop = new TopicPollLoop(name, topic, consumer(name), records -> {
            handler.handle(records);
            records.forEach(r -> handled.add(new String(r.value(), StandardCharsets.UTF_8)));
        }, assignments, Duration.ofMillis(100), Duration.ofMillis(400));
        Thread t = new Thread(loop, name);
        t.start();
        loops.add(loop);
        threads.add(t);
        return loop;
    }

    private void send(int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEvents.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** The group's committed offsets of both partitions (0 where none). */
    private long[] committed() {
        try (KafkaConsumer<String, byte[]> c = consumer("reader-" + UUID.randomUUID())) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            Map<TopicPartition, OffsetAndMetadata> m = c.committed(java.util.Set.of(p0, p1), Duration.ofSeconds(10));
            return new long[] {m.get(p0) == null ? 0 : m.get(p0).offset(), m.get(p1) == null ? 0 : m.get(p1).offset()};
        }
    }

    private static List<String> values(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("v" + i);
        }
        return out;
    }

    @Test
    void everyRecordIsHandledOnceAndCommittedAtTheOffsetAfterIt() throws Exception {
        TopicAssignments assignments = new TopicAssignments();
        TopicPollLoop loop = start("loop-a", records -> { }, assignments);
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.assignedPartitions(topic) == 2);
        send(0, 300);
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed()[0] == 150 && committed()[1] == 150);
        assertThat(handled).containsExactlyInAnyOrderElementsOf(values(0, 300));
        assertThat(loop.records()).isEqualTo(300);
        assertThat(loop.failures()).isZero();
    }

    @Test
    void aFailingBatchIsHandledAgainFromItsFirstRecordAndIsNotCommittedBeforeItSucceeds() throws Exception {
        TopicAssignments assignments = new TopicAssignments();
        AtomicInteger calls = new AtomicInteger();
        List<long[]> committedWhileFailing = new CopyOnWriteArrayList<>();
        List<String> firstValues = new CopyOnWriteArrayList<>();
        TopicPollLoop loop = start("loop-a", records -> {
            firstValues.add(new String(records.iterator().next().value(), StandardCharsets.UTF_8));
            if (calls.incrementAndGet() <= 2) {
                committedWhileFailing.add(committed());
                throw new IllegalStateException("write refused");
            }
        }, assignments);
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.assignedPartitions(topic) == 2);
        send(0, 20);
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed()[0] == 10 && committed()[1] == 10);
        assertThat(committedWhileFailing).hasSize(2).allSatisfy(c -> assertThat(c).containsExactly(0, 0));
        assertThat(firstValues.subList(0, 3)).as("the failed batch starts again at its first record")
                .containsOnly(firstValues.get(0));
        assertThat(handled).containsExactlyInAnyOrderElementsOf(values(0, 20));
        assertThat(loop.failures()).isEqualTo(2);
        assertThat(loop.lastFailure()).contains("write refused");
        assertThat(loop.failingSince()).isNull();
        assertThat(loop.ended()).isFalse();
    }

    @Test
    void aRebalanceHandsPartitionsOverWithNothingLostAndNothingHandledTwice() throws Exception {
        TopicAssignments assignments = new TopicAssignments();
        start("loop-a", records -> pause(20), assignments);
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.assignedPartitions(topic) == 2);
        send(0, 400);
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 100);
        start("loop-b", records -> pause(20), assignments); // joins the group: both partitions are revoked and shared
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.consumersOf(topic) == 2);
        send(400, 800);
        await().atMost(Duration.ofSeconds(90)).until(() -> handled.size() >= 800);
        pause(1_000); // anything handled twice would arrive now
        assertThat(handled).hasSize(800).containsExactlyInAnyOrderElementsOf(values(0, 800));
        assertThat(assignments.assignedPartitions(topic)).isEqualTo(2);
    }

    @Test
    void aStoppedLoopCommitsWhatItHandledAndTheNextOneStartsAfterIt() throws Exception {
        TopicAssignments assignments = new TopicAssignments();
        TopicPollLoop first = start("loop-a", records -> { }, assignments);
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.assignedPartitions(topic) == 2);
        send(0, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 100);
        first.stop();
        threads.get(0).join(30_000);
        assertThat(first.ended()).isTrue();
        assertThat(committed()).containsExactly(50, 50);
        send(100, 140);
        start("loop-b", records -> { }, new TopicAssignments());
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 140);
        pause(1_000);
        assertThat(handled).hasSize(140).containsExactlyInAnyOrderElementsOf(values(0, 140));
    }

    @Test
    void anErrorInTheHandlerEndsTheLoopAndIsReportedWithoutCommittingTheBatch() throws Exception {
        TopicAssignments assignments = new TopicAssignments();
        TopicPollLoop loop = start("loop-a", records -> {
            throw new AssertionError("handler broken");
        }, assignments);
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.assignedPartitions(topic) == 2);
        send(0, 10);
        threads.get(0).join(60_000);
        assertThat(loop.ended()).isTrue();
        assertThat(loop.lastFailure()).contains("handler broken");
        assertThat(committed()).containsExactly(0, 0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
