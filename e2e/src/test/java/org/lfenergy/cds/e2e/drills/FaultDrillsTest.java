package org.lfenergy.cds.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.WrittenFile;
import org.lfenergy.cds.testing.LocalStack;

/**
 * Reliability drills (issue 10, item 1) against the packaged services and real servers: each drill delivers its own
 * generated files (own client code), injects one fault while they flow, restores what it broke, and ends with a
 * {@link Reconciliation} of every read model with the source files row by row (0 lost, 0 duplicated, every service
 * ready again without a manual step).
 *
 * <p>The drills crash servers, so they run on a stack of their own: a private PostgreSQL, Kafka and Keycloak
 * ({@link DrillStack}: {@code deploy/local/stack up infra} under their own CDS_HOME and ports) and their own five
 * service processes ({@link E2eStack#startOn}); the servers other test runs share are never touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsTest {

    private static LocalStack infra;
    private static E2eStack stack;
    private static Faults faults;
    private static Path work;

    @BeforeAll
    static void stack() throws Exception {
        infra = DrillStack.infrastructure();
        faults = new Faults(infra);
        stack = E2eStack.startOn(infra, "drills-run");
        work = Path.of("target/drills");
        Files.createDirectories(work);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        DrillStack.stop(infra);
    }

    private static String ingest() {
        return stack.url("ingest-service");
    }

    /** Uploads the files one after the other, each waited on; returns file → registry id. */
    private static Map<WrittenFile, String> deliverInOrder(List<WrittenFile> files) {
        Map<WrittenFile, String> ids = new LinkedHashMap<>();
        for (WrittenFile f : files) {
            String id = Reconciliation.upload(ingest(), f);
            Reconciliation.awaitFinished(ingest(), id, Duration.ofMinutes(3));
            ids.put(f, id);
        }
        return ids;
    }

    private static long intervalDays(DrillData data) throws Exception {
        String database = stack.database("usage-service");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + stack.infrastructure().postgresAddress()
                + "/" + database, stack.infrastructure().databaseUser(), stack.infrastructure().databasePassword());
             PreparedStatement ps = c.prepareStatement("select count(*) from interval_day where client = ?")) {
            ps.setString(1, data.client);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the drills

    @Test
    @Order(1)
    void theSameFileDeliveredTwiceAndConcurrentlyIsProcessedOnce() throws Exception {
        DrillData data = DrillData.generate(work, "DUP", 2, 5);
        Map<WrittenFile, String> processed = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (WrittenFile f : data.files(true)) {
                List<Future<String>> uploads = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    uploads.add(pool.submit(() -> Reconciliation.upload(ingest(), f)));
                }
                List<JsonNode> outcomes = new ArrayList<>();
                for (Future<String> u : uploads) {
                    outcomes.add(Reconciliation.awaitFinished(ingest(), u.get(), Duration.ofMinutes(3)));
                }
                // and once more, well after the first copy completed
                outcomes.add(Reconciliation.awaitFinished(ingest(), Reconciliation.upload(ingest(), f),
                        Duration.ofMinutes(3)));
                List<JsonNode> completed = outcomes.stream().filter(o -> o.path("status").asText().equals("COMPLETED"))
                        .distinct().toList();
                assertThat(completed.stream().map(o -> o.path("id").asText()).distinct())
                        .as("%s: one copy processed", f.fileName()).hasSize(1);
                String original = completed.get(0).path("id").asText();
                for (JsonNode o : outcomes) {
                    if (!o.path("id").asText().equals(original)) {
                        assertThat(o.path("status").asText()).as("%s: %s", f.fileName(), o).isEqualTo("DUPLICATE");
                        assertThat(o.path("duplicateOf").asText()).isEqualTo(original);
                        assertThat(o.path("publishedRows").asLong()).isZero();
                    }
                }
                processed.put(f, original);
            }
        } finally {
            pool.shutdownNow();
        }
        new Reconciliation(stack, data).all(without(processed, GridxFileType.DAILYDIGEST));
    }

    @Test
    @Order(2)
    void filesOutOfOrderConvergeToTheSameReadModels() {
        DrillData data = DrillData.generate(work, "ORD", 2, 5);
        List<WrittenFile> order = new ArrayList<>(data.files(true)); // the digest before its files
        // facts before the entities they belong to: bills and usage first, customers last
        List<GridxFileType> last = List.of(GridxFileType.CUSTOMERATTRIBUTE, GridxFileType.METERACCOUNTMETER,
                GridxFileType.CUSTOMER);
        order.sort(Comparator.comparingInt(f -> f.type() == GridxFileType.DAILYDIGEST ? -1 : last.indexOf(f.type())));
        assertThat(order.get(order.size() - 1).type()).isEqualTo(GridxFileType.CUSTOMER);

        Map<WrittenFile, String> ids = deliverInOrder(order);

        new Reconciliation(stack, data).all(without(ids, GridxFileType.DAILYDIGEST));
        String digest = ids.get(data.file(GridxFileType.DAILYDIGEST));
        JsonNode entries = CdsClient.JSON.valueToTree(io.restassured.RestAssured.given().baseUri(ingest())
                .get("/files/" + digest + "/digest").then().statusCode(200).extract().as(List.class));
        assertThat(entries).as("digest entries").hasSize(order.size() - 1);
        entries.forEach(e -> assertThat(e.path("status").asText()).as(e.toString()).isEqualToIgnoringCase("matched"));
    }

    @Test
    @Order(3)
    void kafkaBrokerKilledInTheMiddleOfALargeFileLosesAndDuplicatesNothing() throws Exception {
        DrillData data = DrillData.generate(work, "KAF", 25, 21);
        Map<WrittenFile, String> ids = deliverInOrder(data.files(false).stream()
                .filter(f -> f.type() != GridxFileType.INTERVAL).toList());
        WrittenFile large = data.file(GridxFileType.INTERVAL);
        String id = Reconciliation.upload(ingest(), large);
        ids.put(large, id);
        awaitMidFile(id, large);
        faults.killKafka();
        try {
            Thread.sleep(5_000);
        } finally {
            faults.restoreInfrastructure();
        }
        new Reconciliation(stack, data).all(ids);
    }

    @Test
    @Order(4)
    void postgresKilledInTheMiddleOfAProjectionLosesAndDuplicatesNothing() throws Exception {
        DrillData data = DrillData.generate(work, "PGK", 25, 21);
        Map<WrittenFile, String> ids = deliverInOrder(data.files(false).stream()
                .filter(f -> f.type() != GridxFileType.INTERVAL).toList());
        WrittenFile large = data.file(GridxFileType.INTERVAL);
        ids.put(large, Reconciliation.upload(ingest(), large));
        long expectedDays = data.intervals.size();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> intervalDays(data) > 0);
        assertThat(intervalDays(data)).as("still projecting when PostgreSQL dies").isLessThan(expectedDays * 21);
        faults.crashPostgres();
        try {
            Thread.sleep(3_000);
        } finally {
            faults.restoreInfrastructure();
        }
        new Reconciliation(stack, data).all(ids);
    }

    @Test
    @Order(5)
    void domainServicesAndIngestKilledMidBatchResumeWithoutLossOrDuplicates() throws Exception {
        DrillData data = DrillData.generate(work, "SVC", 25, 21);
        Map<WrittenFile, String> ids = deliverInOrder(data.files(false).stream()
                .filter(f -> f.type() != GridxFileType.INTERVAL).toList());
        WrittenFile large = data.file(GridxFileType.INTERVAL);
        String id = Reconciliation.upload(ingest(), large);
        ids.put(large, id);
        awaitMidFile(id, large);
        stack.kill("ingest-service"); // mid-file: resumed at start-up from the registry checkpoint
        stack.start("ingest-service");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> intervalDays(data) > 0);
        stack.kill("usage-service"); // mid-batch: its uncommitted offsets are consumed again
        stack.kill("billing-service");
        stack.start("usage-service");
        stack.start("billing-service");
        new Reconciliation(stack, data).all(ids);
    }

    @Test
    @Order(6)
    void keycloakDownValidTokensKeepWorkingAndNewLoginsFailCleanly() throws Exception {
        String gw = stack.gateway();
        CdsClient app = CdsClient.register(gw, "cds_client_admin cds_query_accounts");
        ClientObject direct = app.objectWithScope("cds_query_accounts");
        String token = app.clientCredentials(direct, "cds_query_accounts", null).path("access_token").asText();
        CdsClient.bearer(gw, token).get("/cds/v1/accounts").then().statusCode(200);

        faults.stopKeycloak();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int calls = 0;
            while (System.nanoTime() < until) {
                CdsClient.bearer(gw, token).get("/cds/v1/accounts").then().statusCode(200);
                calls++;
                Thread.sleep(100); // API traffic, paced below the gateway's per-client limit (50/s)
            }
            assertThat(calls).isPositive();
            long t0 = System.nanoTime();
            Response refused = app.token(direct, Map.of("grant_type", "client_credentials", "scope",
                    "cds_query_accounts"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a new login fails fast")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(refused.statusCode()).as(refused.asString()).isBetween(500, 504).isNotEqualTo(500);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.jsonPath().getString("error")).isNotBlank();
            assertThat(refused.asString()).doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            faults.restoreInfrastructure();
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(app.token(direct, Map.of("grant_type", "client_credentials", "scope",
                        "cds_query_accounts")).statusCode()).isEqualTo(200));
        CdsClient.bearer(gw, token).get("/cds/v1/accounts").then().statusCode(200);
        new Reconciliation(stack, null).everyServiceReady(Duration.ofMinutes(2));
    }

    /** Waits until the file is being published (at least one row out) but not finished. */
    private static void awaitMidFile(String id, WrittenFile file) {
        JsonNode[] f = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            f[0] = Reconciliation.fileReport(ingest(), id);
            return !f[0].path("status").asText().equals("RECEIVED");
        });
        assertThat(f[0].path("status").asText()).as("the fault must hit the file mid-way: %s", f[0])
                .isEqualTo("PROCESSING");
    }

    private static Map<WrittenFile, String> without(Map<WrittenFile, String> ids, GridxFileType type) {
        Map<WrittenFile, String> out = new LinkedHashMap<>(ids);
        out.keySet().removeIf(f -> f.type() == type);
        return out;
    }
}
