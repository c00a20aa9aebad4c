package org.lfenergy.cds.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.ingest.IngestTestSupport;
import org.lfenergy.cds.ingest.messaging.FaultInjectingProducer.Fault;
import org.lfenergy.cds.ingest.messaging.FaultInjectingProducer.Plan;
import org.lfenergy.cds.ingest.processing.FileProcessor;
import org.lfenergy.cds.ingest.registry.FileCounts;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;
import org.lfenergy.cds.testing.KafkaTestTopics;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Chunked transactional publication against the real broker: instances with their own transactional ids do not fence
 * each other, and a chunk hit by a Kafka error is retried, aborted and republished, or fails the file, without a row
 * ever reaching read_committed consumers twice or going missing. Faults are injected at the producer seam
 * ({@link FaultInjectingProducer} around a real producer); chunks are 3 rows so a 7-row file has three.
 */
@QuarkusTest
@TestProfile(ChunkPublicationTest.SmallChunks.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class ChunkPublicationTest {

    /** 3-row chunks, 3 attempts per chunk, short waits. */
    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cds.ingest.chunk-rows", "3", "cds.ingest.kafka.retry.max-attempts", "3",
                    "cds.ingest.kafka.retry.initial-backoff", "20ms", "cds.ingest.kafka.retry.max-backoff", "100ms",
                    "cds.ingest.inbox-enabled", "false");
        }
    }

    private static final String HEADER = "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,"
            + "MeterAccount_ID,Contract_start_date,Contract_end_date,Service_status\n";
    /** Lines of a 7-row file: header on line 1, rows on lines 2-8, chunks 2-4, 5-7 and 8. */
    private static final List<Long> ALL_LINES = LongStream.rangeClosed(2, 8).boxed().toList();

    @Inject
    ProducerFactory producers;

    @Inject
    FileProcessor processor;

    @Inject
    FileRegistry registry;

    @Inject
    RecordTracing tracing;

    @Inject
    CheckpointTopic checkpoints;

    @Inject
    MeterRegistry meters;

    private final List<KafkaRowSink> sinks = new ArrayList<>();

    @AfterEach
    void closeSinks() {
        sinks.forEach(KafkaRowSink::close);
        sinks.clear();
    }

    @Test
    void theTransactionalIdIsPrefixInstanceAndRoleWithTheConfiguredInstanceId() {
        assertThat(producers.instanceId()).startsWith("test-").hasSizeGreaterThan("test-".length());
        assertThat(producers.transactionalId(producers.instanceId(), "rows"))
                .isEqualTo("ingest-" + producers.instanceId() + "-rows");
    }

    @Test
    void twoInstancesWithTheirOwnIdsPublishConcurrentlyWithoutFencingEachOther() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        KafkaRowSink a = sink("it-a-" + run, null);
        KafkaRowSink b = sink("it-b-" + run, null);
        double retriesBefore = retries(null, null);
        // Each producer is initialised while the other is alive: with one id, b's would fence a's.
        Delivered f1 = deliver(7);
        Delivered f2 = deliver(7);
        Delivered f3 = deliver(7);
        Delivered f4 = deliver(7);
        assertThat(publish(f1, a).completed()).isTrue();
        assertThat(publish(f2, b).completed()).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<FileProcessor.Outcome> onA = CompletableFuture.supplyAsync(() -> publish(f3, a), pool);
            CompletableFuture<FileProcessor.Outcome> onB = CompletableFuture.supplyAsync(() -> publish(f4, b), pool);
            assertThat(onA.get(2, TimeUnit.MINUTES).completed()).isTrue();
            assertThat(onB.get(2, TimeUnit.MINUTES).completed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(retries(null, null)).as("no chunk needed a retry").isEqualTo(retriesBefore);
        for (Delivered f : List.of(f1, f2, f3, f4)) {
            assertThat(lines(f, true)).as("%s read_committed", f.name).containsExactlyElementsOf(ALL_LINES);
            assertThat(lines(f, false)).as("%s: no aborted attempt in the log", f.name).containsExactlyElementsOf(ALL_LINES);
            assertThat(registry.find(f.file.id()).orElseThrow().status()).isEqualTo(FileStatus.COMPLETED);
        }
    }

    @Test
    void aRestartedInstanceWhoseRegistryLostCheckpointsResumesAfterTheCheckpointCommittedWithTheRows() {
        // The registry lags the topic (PostgreSQL lost the checkpoints of chunks 5-7 and 8 after their commits), the
        // delivery is PROCESSING, and another instance picks it up (a restart on a new pod): nothing is published again.
        Delivered f = deliver(7);
        assertThat(publish(f, sink("it-before-" + UUID.randomUUID().toString().substring(0, 8), null)).completed())
                .isTrue();
        FileCounts lagging = new FileCounts();
        lagging.committedThroughLine = 4;
        registry.checkpoint(f.file.id(), lagging);
        registry.markProcessing(f.file.id());
        IngestFile interrupted = registry.find(f.file.id()).orElseThrow();
        assertThat(interrupted.committedThroughLine()).isEqualTo(4);
        assertThat(interrupted.status()).isEqualTo(FileStatus.PROCESSING);

        FileProcessor.Outcome outcome = publish(f, sink("it-after-" + UUID.randomUUID().toString().substring(0, 8), null));

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.counts().publishedRows).isEqualTo(7);
        assertThat(lines(f, true)).as("every line exactly once").containsExactlyElementsOf(ALL_LINES);
        IngestFile done = registry.find(f.file.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.committedThroughLine()).as("the registry caught up").isEqualTo(8);
        assertThat(done.publishedRows()).isEqualTo(7);
    }

    @Test
    void aCheckpointLookUpThatKafkaFailsTransientlyIsRetriedAndAPermanentFailureFailsTheFileWithoutPublishing() {
        String instance = "it-lookup-" + UUID.randomUUID().toString().substring(0, 8);
        Delivered f = deliver(7);
        registry.markProcessing(f.file.id()); // a resumed delivery, committed through nothing yet
        AtomicInteger calls = new AtomicInteger();
        KafkaRowSink flaky = new KafkaRowSink(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new org.apache.kafka.common.errors.TimeoutException("broker not reachable (injected)");
            }
            return producers.transactional(instance, "rows");
        }, producers.transactionalId(instance, "rows"), checkpoints, tracing);
        sinks.add(flaky);

        FileProcessor.Outcome outcome = publish(f, flaky);

        assertThat(calls.get()).as("two failed look-ups, the third read the topic").isEqualTo(3);
        assertThat(outcome.completed()).isTrue();
        assertThat(lines(f, true)).containsExactlyElementsOf(ALL_LINES);

        Delivered g = deliver(7);
        registry.markProcessing(g.file.id());
        KafkaRowSink refused = new KafkaRowSink(() -> {
            throw new org.apache.kafka.common.errors.TopicAuthorizationException("no access (injected)");
        }, producers.transactionalId(instance + "-refused", "rows"), checkpoints, tracing);
        sinks.add(refused);

        FileProcessor.Outcome failed = publish(g, refused);

        assertThat(failed.completed()).isFalse();
        assertThat(failed.failure()).startsWith(FileProcessor.PUBLISH_RULE + " cannot read the committed checkpoint of "
                + g.name + " from cds.ingest.checkpoints.v1: not retriable: TopicAuthorizationException: no access");
        assertThat(registry.find(g.file.id()).orElseThrow().status()).isEqualTo(FileStatus.FAILED);
        assertThat(lines(g, false)).isEmpty();
    }

    @Test
    void twoInstancesSharingAnIdFenceEachOtherAndTheFencedOneRepublishesItsChunkOnce() {
        String shared = "it-shared-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaRowSink a = sink(shared, null);
        KafkaRowSink b = sink(shared, null);
        Delivered f1 = deliver(7);
        Delivered f2 = deliver(7);
        Delivered f3 = deliver(7);
        assertThat(publish(f1, a).completed()).isTrue();
        assertThat(publish(f2, b).completed()).as("b's producer fenced a's").isTrue();
        double before = retries("republish", null);

        assertThat(publish(f3, a).completed()).isTrue();

        assertThat(retries("republish", null)).as("a's first chunk after being fenced").isEqualTo(before + 1);
        assertThat(retries("republish", "ProducerFencedException") + retries("republish", "InvalidProducerEpochException"))
                .isGreaterThanOrEqualTo(1);
        assertThat(lines(f3, true)).containsExactlyElementsOf(ALL_LINES);
        assertThat(lines(f2, true)).containsExactlyElementsOf(ALL_LINES);
    }

    @Test
    void aCommitThatTimedOutBeforeReachingTheBrokerIsCommittedAgainNotRepublished() {
        Plan plan = new Plan().fail(2, Fault.TIMEOUT_BEFORE_COMMIT);
        KafkaRowSink sink = sink("it-" + UUID.randomUUID(), plan);
        Delivered f = deliver(7);
        double before = retries("recommit", "TimeoutException");

        FileProcessor.Outcome outcome = publish(f, sink);

        assertThat(outcome.completed()).isTrue();
        assertThat(retries("recommit", "TimeoutException")).isEqualTo(before + 1);
        assertThat(plan.commitCalls()).as("3 chunks, one commit retried").isEqualTo(4);
        assertThat(lines(f, true)).containsExactlyElementsOf(ALL_LINES);
        assertThat(lines(f, false)).as("nothing aborted, nothing sent twice").containsExactlyElementsOf(ALL_LINES);
        IngestFile done = registry.find(f.file.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.publishedRows()).isEqualTo(7);
    }

    @Test
    void aCommitWhoseAnswerWasLostIsNotPublishedTwice() {
        // The broker committed lines 5-7 but the answer timed out: republishing them would duplicate them.
        Plan plan = new Plan().fail(2, Fault.TIMEOUT_AFTER_COMMIT);
        KafkaRowSink sink = sink("it-" + UUID.randomUUID(), plan);
        Delivered f = deliver(7);
        double before = retries("recommit", "TimeoutException");

        assertThat(publish(f, sink).completed()).isTrue();

        assertThat(retries("recommit", "TimeoutException")).isEqualTo(before + 1);
        assertThat(lines(f, true)).containsExactlyElementsOf(ALL_LINES);
        assertThat(lines(f, false)).containsExactlyElementsOf(ALL_LINES);
    }

    @Test
    void aChunkFailingWithTooFewInSyncReplicasIsAbortedAndRepublishedFromTheLastCommittedLine() {
        Plan plan = new Plan().fail(2, Fault.NOT_ENOUGH_REPLICAS);
        KafkaRowSink sink = sink("it-" + UUID.randomUUID(), plan);
        Delivered f = deliver(7);
        double before = retries("republish", "NotEnoughReplicasException");

        FileProcessor.Outcome outcome = publish(f, sink);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.counts().publishedRows).isEqualTo(7);
        assertThat(retries("republish", "NotEnoughReplicasException")).isEqualTo(before + 1);
        assertThat(lines(f, true)).as("read_committed: every row once").containsExactlyElementsOf(ALL_LINES);
        // The log holds the aborted first attempt of lines 5-7 and their republication; lines 2-4 were not resent.
        assertThat(lines(f, false)).containsExactly(2L, 3L, 4L, 5L, 5L, 6L, 6L, 7L, 7L, 8L);
        IngestFile done = registry.find(f.file.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.dataRows()).isEqualTo(7);
        assertThat(done.publishedRows()).isEqualTo(7);
        assertThat(done.committedThroughLine()).isEqualTo(8);
    }

    @Test
    void anAuthorizationErrorFailsTheFileAtOnceNamingLinesAndCause() {
        Plan plan = new Plan().fail(2, Fault.TOPIC_AUTHORIZATION);
        KafkaRowSink sink = sink("it-" + UUID.randomUUID(), plan);
        Delivered f = deliver(7);
        double before = retries(null, null);

        FileProcessor.Outcome outcome = publish(f, sink);

        String reason = "GX-KAFKA-PUBLISH lines 5-7 of " + f.name
                + ": not retriable: TopicAuthorizationException: Not authorized to access topics: [gridx.customers.v1]";
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.failure()).isEqualTo(reason);
        assertThat(retries(null, null)).as("no retry").isEqualTo(before);
        assertThat(plan.commitCalls()).isEqualTo(2);
        IngestFile failed = registry.find(f.file.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(FileStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(reason);
        assertThat(failed.publishedRows()).as("the committed chunk").isEqualTo(3);
        assertThat(failed.committedThroughLine()).isEqualTo(4);
        assertThat(lines(f, true)).containsExactly(2L, 3L, 4L);
        assertThat(lines(f, false)).as("lines 5-7 were aborted").containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aChunkStillFailingAfterItsLastAttemptFailsTheFileNamingLinesAttemptsAndCause() {
        Plan plan = new Plan().fail(2, Fault.NOT_ENOUGH_REPLICAS).fail(3, Fault.NOT_ENOUGH_REPLICAS)
                .fail(4, Fault.NOT_ENOUGH_REPLICAS);
        KafkaRowSink sink = sink("it-" + UUID.randomUUID(), plan);
        Delivered f = deliver(7);
        double before = retries("republish", "NotEnoughReplicasException");

        FileProcessor.Outcome outcome = publish(f, sink);

        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.failure()).isEqualTo("GX-KAFKA-PUBLISH lines 5-7 of " + f.name
                + ": still failing after 3 attempts: NotEnoughReplicasException: The size of the current ISR Set(1) "
                + "is insufficient to satisfy the min.isr requirement of 2 (injected)");
        assertThat(retries("republish", "NotEnoughReplicasException")).as("attempts 2 and 3").isEqualTo(before + 2);
        IngestFile failed = registry.find(f.file.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(FileStatus.FAILED);
        assertThat(failed.committedThroughLine()).isEqualTo(4);
        assertThat(lines(f, true)).containsExactly(2L, 3L, 4L);
        assertThat(lines(f, false)).containsExactly(2L, 3L, 4L, 5L, 5L, 5L, 6L, 6L, 6L, 7L, 7L, 7L);
    }

    @Test
    void aSinkClosedMidChunkAbortsItsTransactionInsteadOfLeavingItToTheTimeout() throws Exception {
        // A pod stopped normally closes its sink: with per-pod ids nobody else would ever end that transaction.
        String instance = "it-close-" + UUID.randomUUID().toString().substring(0, 8);
        String transactionalId = producers.transactionalId(instance, "rows");
        KafkaRowSink sink = new KafkaRowSink(() -> producers.transactional(instance, "rows"), transactionalId, checkpoints,
                tracing);
        Delivered f = deliver(2);
        sink.begin();
        try (GridxFileReader reader = GridxFileReader.open(Files.newInputStream(f.path), GridxFileName.parse(f.name),
                ReaderOptions.forClientZone(ZoneOffset.UTC))) {
            for (GridxRow row : reader) {
                sink.accepted(f.file, row);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(f, false).size() == 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            assertThat(state(admin, transactionalId)).isEqualTo(TransactionState.ONGOING);

            sink.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> state(admin, transactionalId) == TransactionState.COMPLETE_ABORT);
        }
        assertThat(lines(f, true)).isEmpty();
    }

    private static TransactionState state(Admin admin, String transactionalId) throws Exception {
        return admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
                .get(30, TimeUnit.SECONDS).state();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Delivered(IngestFile file, Path path, String client, String name) {
    }

    /** A CUSTOMER file of {@code rows} good rows for a fresh client, registered as received. */
    private Delivered deliver(int rows) {
        String client = IngestTestSupport.uniqueClient();
        String name = "GRIDX_" + client + "_CUSTOMER_20261122010000.csv";
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            content.append("P").append(i).append(",E").append(i).append(",40").append(i).append(",70").append(i)
                    .append(",60").append(i).append(",50").append(i).append(",202401010000,,Active\n");
        }
        try {
            Path path = Files.createTempFile("chunk-publication-", ".csv");
            Files.writeString(path, content, StandardCharsets.UTF_8);
            IngestFile file = registry.register(name, client, GridxFileName.parse(name).type().token(), "upload",
                    Files.size(path), null);
            return new Delivered(file, path, client, name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private FileProcessor.Outcome publish(Delivered f, KafkaRowSink sink) {
        try {
            return processor.process(registry.find(f.file.id()).orElseThrow(), f.path, sink);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sink of its own, as another ingest instance with this instance id would have it. */
    private KafkaRowSink sink(String instance, Plan plan) {
        KafkaRowSink sink = new KafkaRowSink(() -> {
            var real = producers.transactional(instance, "rows");
            return plan == null ? real : new FaultInjectingProducer(real, plan);
        }, producers.transactionalId(instance, "rows"), checkpoints, tracing);
        sinks.add(sink);
        return sink;
    }

    /** Source lines of the file's customer events, in offset order (one partition per key; sorted for comparison). */
    private List<Long> lines(Delivered f, boolean committedOnly) {
        String source = CloudEventHeaders.gridxSource(f.client, f.name);
        return IngestTestSupport.topics().readAll(Topic.CUSTOMERS.topicName(),
                        r -> source.equals(KafkaTestTopics.header(r, CloudEventHeaders.SOURCE)), committedOnly).stream()
                .map(r -> EventCodec.shared().decodeRow(r.value(), CustomerPayload.class).source().line())
                .sorted().toList();
    }

    /** The ingest.chunk.retries count, optionally for one recovery and cause. */
    private double retries(String recovery, String cause) {
        var search = meters.find("ingest.chunk.retries");
        if (recovery != null) {
            search = search.tag("recovery", recovery);
        }
        if (cause != null) {
            search = search.tag("cause", cause);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
