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
 * service processes ({@link E2eStack#startOn}); the servers other test runs share are never touched. Both are
 * started once for the class; the drills run one after the other on them, each under a client code of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1) // the module's first class (junit-platform.properties): its stack is gone before the shared one starts
class FaultDrillsTest {

    private static LocalStack infra;
    private static E2eStack stack;
    private static Faults faults;
    private static Path work;
    /**
     * The large data sets: their interval file (29,191 rows) spans eight of ingest-service's Kafka transactions at the
     * drill stack's {@link #CHUNK_ROWS}, so a fault lands between checkpoints, mid-file; what is tested is where the
     * fault lands, not the size (the default 50,000-row chunks needed a 77,507-row file for the same).
     */
    private static final int LARGE_PERSONS = 10;
    private static final int LARGE_DAYS = 14;
    /** ingest-service's rows per Kafka transaction on the drill stack ({@code cds.ingest.chunk-rows}). */
    private static final int CHUNK_ROWS = 4_000;
    /** How long a crashed server stays down before it is started again. */
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    private static long classStart;

    @BeforeAll
    static void stack() throws Exception {
        classStart = System.nanoTime();
        infra = DrillStack.infrastructure();
        faults = new Faults(infra);
        stack = E2eStack.startOn(infra, "drills-run", false, CHUNK_ROWS);
        System.out.printf("[drills] private servers and five services up in %d s%n",
                (System.nanoTime() - classStart) / 1_000_000_000L);
        work = Path.of("target/drills");
        Files.createDirectories(work);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        DrillStack.stop(infra);
        System.out.printf("[drills] class wall time %d s%n", (System.nanoTime() - classStart) / 1_000_000_000L);
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
        List<WrittenFile> files = data.files(true);
        Map<WrittenFile, List<Future<String>>> copies = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<WrittenFile, String> processed = new LinkedHashMap<>();
        try {
            for (int i = 0; i < 4; i++) { // every file four times, all at once
                for (WrittenFile f : files) {
                    copies.computeIfAbsent(f, k -> new ArrayList<>())
                            .add(pool.submit(() -> Reconciliation.upload(ingest(), f)));
                }
            }
            for (WrittenFile f : files) {
                List<JsonNode> outcomes = new ArrayList<>();
                for (Future<String> u : copies.get(f)) {
                    outcomes.add(Reconciliation.awaitFinished(ingest(), u.get(), Duration.ofMinutes(3)));
                }
                // and once more, after the first copy completed
                outcomes.add(Reconciliation.awaitFinished(ingest(), Reconciliation.upload(ingest(), f),
                        Duration.ofMinutes(3)));
                List<String> completed = outcomes.stream().filter(o -> o.path("status").asText().equals("COMPLETED"))
                        .map(o -> o.path("id").asText()).distinct().toList();
                assertThat(completed).as("%s: one copy processed: %s", f.fileName(), outcomes).hasSize(1);
                String original = completed.get(0);
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
        DrillData data = DrillData.generate(work, "KAF", LARGE_PERSONS, LARGE_DAYS);
        Map<WrittenFile, String> ids = deliverWithLargeIntervalFile(data);
        String id = ids.get(data.file(GridxFileType.INTERVAL));
        awaitMidFile(id, data.file(GridxFileType.INTERVAL));
        // producers and consumers retry during the outage
        outage(faults::killKafka, () -> assertMidFile(id, data.file(GridxFileType.INTERVAL), "Kafka died"));
        new Reconciliation(stack, data).all(ids);
    }

    @Test
    @Order(4)
    void postgresKilledInTheMiddleOfAProjectionLosesAndDuplicatesNothing() throws Exception {
        DrillData data = DrillData.generate(work, "PGK", LARGE_PERSONS, LARGE_DAYS);
        Map<WrittenFile, String> ids = deliverWithLargeIntervalFile(data);
        long allDays = (long) data.intervals.size() * LARGE_DAYS;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> intervalDays(data) > 0);
        long projected = intervalDays(data);
        // every service's database calls fail during the outage
        outage(faults::crashPostgres, () -> assertThat(projected)
                .as("usage-service was still projecting when PostgreSQL died").isLessThan(allDays));
        new Reconciliation(stack, data).all(ids);
    }

    @Test
    @Order(5)
    void domainServicesAndIngestKilledMidBatchResumeWithoutLossOrDuplicates() throws Exception {
        DrillData data = DrillData.generate(work, "SVC", LARGE_PERSONS, LARGE_DAYS);
        Map<WrittenFile, String> ids = deliverWithLargeIntervalFile(data);
        WrittenFile large = data.file(GridxFileType.INTERVAL);
        awaitMidFile(ids.get(large), large);
        stack.kill("ingest-service"); // mid-file: resumed at start-up from the registry checkpoint
        assertKilledMidFile(ids.get(large), large);
        stack.start("ingest-service");
        long allDays = (long) data.intervals.size() * LARGE_DAYS;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> intervalDays(data) > 0);
        long projected = intervalDays(data);
        stack.kill("usage-service"); // mid-batch: its uncommitted offsets are consumed again
        stack.kill("billing-service");
        assertThat(projected).as("usage-service killed while projecting").isLessThan(allDays);
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            Future<?> usage = starts.submit(() -> stack.start("usage-service"));
            Future<?> billing = starts.submit(() -> stack.start("billing-service"));
            usage.get();
            billing.get();
        } finally {
            starts.shutdownNow();
        }
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
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
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

    @Test
    @Order(7)
    void mixedApiTrafficAtTheTargetRateWhileAFileIngestsLosesNothingWithoutAnError() throws Exception {
        int seconds = Integer.getInteger("cds.drills.load.seconds", 30);
        // The build's short run proves the drill's invariants under open-loop load while a file ingests (every
        // request answered 200, nothing lost): at 50 requests/s, which the 2-core reference machine serves; its p99
        // bound only catches a stalled stack. 200 requests/s with p99 <= 500 ms is e2e/load-drill's run of record,
        // which the reference machine does not meet yet (docs/reliability.md "Load").
        int rate = Integer.getInteger("cds.drills.load.rate", 50);
        long p99 = Long.getLong("cds.drills.load.p99-ms", 15000);
        // 3 random customers (and the scenario's 7) over 66 days: every contract has bills, and the interval file is
        // about as large as 20 customers' 21 days were; no warm-up (the build proves invariants, not figures)
        LoadDrill.Result r = LoadDrill.run(stack, work, seconds, rate, 3, LoadDrill.BILL_DAYS,
                Integer.getInteger("cds.drills.load.warmup-seconds", 0), 0);
        LoadDrill.assertWithin(r, rate, p99);
    }

    /**
     * Injects an infrastructure fault, runs the check that the fault landed where the drill wants it, keeps the
     * server down for {@link #OUTAGE}, and restores it whatever the check found.
     */
    private void outage(Runnable fault, Runnable whileDown) throws InterruptedException {
        fault.run();
        try {
            whileDown.run();
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            faults.restoreInfrastructure();
        }
    }

    /** Waits until the file is being published (a first chunk committed) but not finished. */
    private static void awaitMidFile(String id, WrittenFile file) {
        JsonNode[] f = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            f[0] = Reconciliation.fileReport(ingest(), id);
            return !f[0].path("status").asText().equals("RECEIVED") && f[0].path("publishedRows").asLong() > 0;
        });
        assertMidFile(f[0], file, "the fault");
    }

    /** The fault hit the file mid-way: it is still PROCESSING with only part of its rows published. */
    private static void assertMidFile(String id, WrittenFile file, String when) {
        assertMidFile(Reconciliation.fileReport(ingest(), id), file, when);
    }

    private static void assertMidFile(JsonNode f, WrittenFile file, String when) {
        assertThat(f.path("status").asText()).as("%s must hit %s mid-way: %s", when, file.fileName(), f)
                .isEqualTo("PROCESSING");
        assertThat(f.path("publishedRows").asLong()).as("%s must hit %s mid-way: %s", when, file.fileName(), f)
                .isLessThan(file.dataRows());
        System.out.printf("[drills] %s: %s at %d of %d rows%n", when, file.fileName(),
                f.path("publishedRows").asLong(), file.dataRows());
    }

    /**
     * Uploads the data set's small files (not waited on: the reconciliation waits for them) and then its large
     * interval file; returns file → registry id.
     */
    private static Map<WrittenFile, String> deliverWithLargeIntervalFile(DrillData data) {
        Map<WrittenFile, String> ids = new LinkedHashMap<>();
        for (WrittenFile f : data.files(false)) {
            if (f.type() != GridxFileType.INTERVAL) {
                ids.put(f, Reconciliation.upload(ingest(), f));
            }
        }
        WrittenFile large = data.file(GridxFileType.INTERVAL);
        ids.put(large, Reconciliation.upload(ingest(), large));
        return ids;
    }

    /** The registry (read from its database: ingest-service is dead) holds the file as PROCESSING, part published. */
    private static void assertKilledMidFile(String id, WrittenFile file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + infra.postgresAddress() + "/"
                + stack.database("ingest-service"), infra.databaseUser(), infra.databasePassword());
             PreparedStatement ps = c.prepareStatement(
                     "select status, published_rows from ingest_file where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("file %s in the registry", id).isTrue();
                assertThat(rs.getString(1)).as("ingest-service killed in the middle of %s", file.fileName())
                        .isEqualTo("processing");
                assertThat(rs.getLong(2)).as("ingest-service killed in the middle of %s", file.fileName())
                        .isLessThan(file.dataRows());
                System.out.printf("[drills] ingest-service killed: %s at %d of %d rows%n", file.fileName(),
                        rs.getLong(2), file.dataRows());
            }
        }
    }

    private static Map<WrittenFile, String> without(Map<WrittenFile, String> ids, GridxFileType type) {
        Map<WrittenFile, String> out = new LinkedHashMap<>(ids);
        out.keySet().removeIf(f -> f.type() == type);
        return out;
    }
}
