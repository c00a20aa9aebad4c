package org.lfenergy.cds.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * Load drill (issue 10, item 4): an open-loop stream of mixed data-API requests through the gateway at a fixed rate
 * ({@code cds.load.rate}, default 200/s) for a fixed time ({@code cds.load.seconds}; the 10-minute run of record is
 * {@code e2e/load-drill}) while an interval file ingests. It runs only when {@code cds.load.seconds} is given. Every answer must be 200, and
 * the p99 latency, counted from each request's due time, within {@code cds.load.p99-ms} (default 1000 ms). The
 * figures go to the test output and {@code e2e/target/load-report.txt}.
 */
@ExtendWith(E2eStack.Extension.class)
@EnabledIfSystemProperty(named = "cds.load.seconds", matches = "\\d+")
class LoadDrillTest {

    /** The data APIs of the mix, each called with a token of its own direct-access Client Object. */
    private static final Map<String, String> MIX = Map.of(
            "/cds/v1/accounts", "cds_query_accounts",
            "/cds/v1/service-contracts", "cds_query_service_contracts",
            "/cds/v1/bill-sections", "cds_query_bill_sections",
            "/cds/v1/bill-statements", "cds_query_bill_statements",
            "/cds/v1/service-points", "cds_query_service_points",
            "/cds/v1/meter-devices", "cds_query_meter_devices",
            "/cds/v1/usage-segments?limit=10", "cds_query_usage");

    @Test
    void mixedApiTrafficAtTheTargetRateWhileAFileIngestsHasNoErrorAndP99WithinTarget() throws Exception {
        int seconds = Integer.getInteger("cds.load.seconds", 30);
        int rate = Integer.getInteger("cds.load.rate", 200);
        long p99Target = Long.getLong("cds.load.p99-ms", 1000);
        E2eStack stack = E2eStack.get();
        String gw = stack.gateway();

        StringBuilder scopes = new StringBuilder("cds_client_admin");
        MIX.values().forEach(s -> scopes.append(' ').append(s));
        CdsClient app = CdsClient.register(gw, scopes.toString());
        List<String[]> calls = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(MIX).entrySet()) {
            ClientObject object = app.objectWithScope(e.getValue());
            String token = app.clientCredentials(object, e.getValue(), null).path("access_token").asText();
            calls.add(new String[] {e.getKey(), token});
        }

        // the file that ingests meanwhile (its size grows with the duration so it lasts about as long)
        Path work = Path.of("target/load");
        Files.createDirectories(work);
        DrillData data = DrillData.generate(work, "LOAD", Math.max(20, seconds / 3), 30);
        WrittenFile intervals = data.file(GridxFileType.INTERVAL);
        for (WrittenFile f : data.files(false)) {
            if (f.type() != GridxFileType.INTERVAL) {
                Reconciliation.upload(stack.url("ingest-service"), f);
            }
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        long total = (long) seconds * rate;
        CountDownLatch answered = new CountDownLatch((int) total);
        Instant start = Instant.now();
        String fileId = Reconciliation.upload(stack.url("ingest-service"), intervals);
        // Open loop: request i is due at t0 + i/rate whatever happened to the earlier ones, and its latency counts
        // from that due time, so a stall of the server (or of this sender) shows as latency of every request that
        // should have gone out meanwhile, instead of as requests never sent (coordinated omission).
        long t0 = System.nanoTime();
        long lateSends = 0;
        for (long i = 0; i < total; i++) {
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else if (wait < -10_000_000L) {
                lateSends++;
            }
            String[] call = calls.get((int) (i % calls.size()));
            http.sendAsync(HttpRequest.newBuilder(URI.create(gw + call[0])).header("Authorization", "Bearer " + call[1])
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, t) -> {
                        latencies.add(System.nanoTime() - due);
                        if (t != null) {
                            errors.computeIfAbsent(t.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        } else if (r.statusCode() != 200) {
                            errors.computeIfAbsent(call[0] + " " + r.statusCode(), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        answered.countDown();
                    });
        }
        long sendingNanos = System.nanoTime() - t0;
        answered.await(60, TimeUnit.SECONDS);
        Duration elapsed = Duration.between(start, Instant.now());
        var file = Reconciliation.fileReport(stack.url("ingest-service"), fileId);

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long done = sorted.size();
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        String report = String.format("""
                load drill %s: %d s at %d requests/s (open loop), %d data APIs, one client each
                requests due %d, answered %d, sent at %.1f requests/s, %d sent more than 10 ms late
                errors %d %s
                latency ms from the due time: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f (p99 target %d ms)
                file during the run: %s, %d rows, status %s, %d published
                """, start, seconds, rate, calls.size(), total, done, total / (sendingNanos / 1e9), lateSends,
                errorCount, errors, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999),
                ms(sorted, 1.0), p99Target,
                intervals.fileName(), intervals.dataRows(), file.path("status").asText(),
                file.path("publishedRows").asLong());
        System.out.println(report);
        Files.writeString(Path.of("target/load-report.txt"), report + "elapsed " + elapsed + "\n",
                StandardCharsets.UTF_8);

        assertThat(done).as("every request answered").isEqualTo(total);
        assertThat(total / (sendingNanos / 1e9)).as("rate the requests went out at").isGreaterThanOrEqualTo(rate * 0.95);
        assertThat(errors).as("errors").isEmpty();
        assertThat(ms(sorted, 0.99)).as("p99 ms").isLessThanOrEqualTo((double) p99Target);
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
