package org.lfenergy.cds.ingest.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.ingest.IngestTestSupport;
import org.lfenergy.cds.ingest.messaging.CheckpointTopic;
import org.lfenergy.cds.ingest.processing.ChunkCheckpoint;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * PostgreSQL going away in the middle of a file, on the real server: the test closes ingest-service's database to new
 * connections and terminates its open ones (what clients see of a crash or a fail-over), keeps it closed for a few
 * seconds, then opens it again. It does so at the worst moment, from {@link OutageAtCheckpointRegistry}: right after a
 * chunk's Kafka transaction committed and before the registry's checkpoint of that chunk, so the registry loses the
 * checkpoint of a chunk that is on the topic. The file must neither fail nor wait for a restart of the service: it
 * completes by itself, and every row reaches the topic exactly once (the resume continues after the checkpoint that
 * was committed with the chunk, on {@code cds.ingest.checkpoints.v1}).
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.SmallChunksQuickResume.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class DatabaseOutageTest {

    /** 20-row chunks (so a 5,000-row file takes long enough to be interrupted), a 1 s resume interval. */
    public static class SmallChunksQuickResume implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cds.ingest.chunk-rows", "20", "cds.ingest.resume-interval", "1s",
                    "cds.ingest.inbox-enabled", "false");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(OutageAtCheckpointRegistry.class);
        }
    }

    private static final int ROWS = 5_000;
    private static final String HEADER = "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,"
            + "MeterAccount_ID,Contract_start_date,Contract_end_date,Service_status\n";

    @Inject
    FileRegistry registry;

    @Inject
    CheckpointTopic checkpoints;

    @Test
    void aFileWhoseCheckpointADatabaseOutageLostAfterItsChunkCommittedCompletesByItselfWithEveryRowExactlyOnce()
            throws Exception {
        String client = IngestTestSupport.uniqueClient();
        String name = "GRIDX_" + client + "_CUSTOMER_20261122010000.csv";
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 1; i <= ROWS; i++) {
            content.append("P").append(i).append(",E").append(i).append(',').append(40_000 + i).append(',')
                    .append(70_000 + i).append(',').append(60_000 + i).append(',').append(50_000 + i)
                    .append(",20240101,,Active\n");
        }
        String database = databaseName();
        UUID id = UUID.fromString(IngestTestSupport.upload(name, content.toString())
                .then().statusCode(202).extract().path("id"));

        // Wait until the file is part-way through (some chunks committed, most not), then arm the outage for the
        // next checkpoint: it strikes after that chunk's commit, before the registry records it.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            IngestFile f = registry.find(id).orElseThrow();
            return f.status() == FileStatus.PROCESSING && f.committedThroughLine() > 1;
        });
        long before = registry.find(id).orElseThrow().committedThroughLine();
        assertThat(before).as("interrupted part-way").isLessThan(ROWS + 1);
        CompletableFuture<Long> failedAt = new CompletableFuture<>();
        OutageAtCheckpointRegistry.ARMED.set(new OutageAtCheckpointRegistry.Armed(id, () -> {
            try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, failedAt));
        long lostCheckpoint;
        try {
            lostCheckpoint = failedAt.get(2, TimeUnit.MINUTES);
            assertThat(lostCheckpoint).as("the lost checkpoint is of a chunk after the one seen").isGreaterThan(before)
                    .isLessThanOrEqualTo(ROWS + 1);
            Thread.sleep(4_000);
            // While the database is away, the status API says so (503, JSON, Retry-After), not a 500.
            var during = given().get("/files/" + id);
            assertThat(during.statusCode()).as("status API during the outage").isEqualTo(503);
            assertThat(during.header("Retry-After")).isEqualTo("5");
            assertThat(during.contentType()).startsWith("application/json");
            assertThat(during.<String>path("error")).isEqualTo("temporarily_unavailable");
        } finally {
            OutageAtCheckpointRegistry.ARMED.set(null);
            try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }

        assertThat(IngestTestSupport.awaitFinished(id.toString())).isEqualTo("COMPLETED");
        IngestFile done = registry.find(id).orElseThrow();
        assertThat(done.committedThroughLine()).isEqualTo(ROWS + 1);
        assertThat(done.publishedRows()).isEqualTo(ROWS);
        assertThat(done.dataRows()).isEqualTo(ROWS);
        assertThat(done.rejectedRows()).isZero();
        assertThat(given().get("/files/" + id).then().statusCode(200).extract().<Integer>path("file.publishedRows"))
                .isEqualTo(ROWS);

        List<Long> lines = IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client, name).stream()
                .map(r -> EventCodec.shared().decodeRow(r.value(), CustomerPayload.class).source().line())
                .sorted().toList();
        assertThat(lines).as("every row exactly once (the chunk through line %d not published again)", lostCheckpoint)
                .containsExactlyElementsOf(LongStream.rangeClosed(2, ROWS + 1).boxed().toList());
        assertThat(checkpoints.latest(done)).as("the last checkpoint committed with the rows")
                .hasValue(new ChunkCheckpoint(id, name, ROWS + 1));
    }

    /** The test database of this run, from the service's own JDBC URL. */
    private static String databaseName() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** A connection to the server's {@code postgres} database, as the service's own user (the databases' owner). */
    private static Connection adminConnection() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String adminUrl = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        return DriverManager.getConnection(adminUrl, config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
