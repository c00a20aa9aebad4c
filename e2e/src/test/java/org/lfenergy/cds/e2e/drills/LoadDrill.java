package org.lfenergy.cds.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * The load drill (issue 10, item 4): an <b>open-loop</b> stream of mixed data-API requests through the gateway at a
 * fixed rate for a fixed time while an interval file ingests, then the {@link Reconciliation} of what was delivered.
 *
 * <p>Request <i>i</i> is due at {@code t0 + i / rate} whatever happened to the earlier ones, and its latency counts
 * from that due time: a stall of the server (or of this sender) shows as latency of every request that should have
 * gone out meanwhile, instead of as requests never sent (coordinated omission). Each data API is called by a client
 * registration of its own (about 29 requests/s each at 200/s), so the gateway's per-client rate limit is not what is
 * measured. The data
 * is generated under the client code the stack's gateway serves, so the answers carry rows.
 */
final class LoadDrill {

    /** The data APIs of the mix and the scope of each one's Client Object. */
    static final Map<String, String> MIX = new TreeMap<>(Map.of(
            "/cds/v1/accounts", "cds_query_accounts",
            "/cds/v1/service-contracts", "cds_query_service_contracts",
            "/cds/v1/bill-sections", "cds_query_bill_sections",
            "/cds/v1/bill-statements", "cds_query_bill_statements",
            "/cds/v1/service-points", "cds_query_service_points",
            "/cds/v1/meter-devices", "cds_query_meter_devices",
            "/cds/v1/usage-segments?limit=10", "cds_query_usage"));

    /** What a run measured. Latencies in ms from each request's due time. */
    record Result(long due, long answered, double sentPerSecond, long lateSends, Map<String, Long> errors,
                  double p50, double p90, double p99, double p999, double max, String fileStatusAtEnd,
                  long filePublishedAtEnd, long fileRows, String loadAverageBefore, String loadAverageAfter,
                  String report) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private LoadDrill() {
    }

    /**
     * Delivers a data set of {@code persons} customers (its interval file is uploaded just as the traffic starts),
     * sends {@code rate} requests/s for {@code seconds}, reconciles the data set row by row, and returns the figures
     * (also printed and appended to {@code target/load-report.txt}).
     */
    static Result run(E2eStack stack, Path work, int seconds, int rate, int persons, int days) throws Exception {
        String gw = stack.gateway();
        String ingest = stack.url("ingest-service");
        List<String[]> calls = new ArrayList<>();
        for (Map.Entry<String, String> e : MIX.entrySet()) {
            // a registration of its own per API: the gateway's limit (50/s) is per registered client, and the first
            // run with one registration for all seven measured the limiter (73 % of the answers 429)
            CdsClient app = CdsClient.register(gw, "cds_client_admin " + e.getValue());
            ClientObject object = app.objectWithScope(e.getValue());
            String token = app.clientCredentials(object, e.getValue(), null).path("access_token").asText();
            calls.add(new String[] {e.getKey(), token});
        }

        DrillData data = DrillData.generateFor(work, stack.gridxClient(), persons, days);
        WrittenFile intervals = data.file(GridxFileType.INTERVAL);
        Map<WrittenFile, String> ids = new LinkedHashMap<>();
        for (WrittenFile f : data.files(false)) {
            if (f.type() != GridxFileType.INTERVAL) {
                ids.put(f, Reconciliation.upload(ingest, f));
            }
        }
        for (String id : ids.values()) { // the listings have rows before the traffic starts
            Reconciliation.awaitFinished(ingest, id, Duration.ofMinutes(3));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        long total = (long) seconds * rate;
        CountDownLatch answered = new CountDownLatch((int) total);
        String loadBefore = loadAverage();
        Instant start = Instant.now();
        String fileId = Reconciliation.upload(ingest, intervals);
        ids.put(intervals, fileId);
        long t0 = System.nanoTime();
        long lateSends = 0;
        try {
            for (long i = 0; i < total; i++) {
                long due = t0 + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -10_000_000L) {
                    lateSends++;
                }
                String[] call = calls.get((int) (i % calls.size()));
                http.sendAsync(HttpRequest.newBuilder(URI.create(gw + call[0]))
                                .header("Authorization", "Bearer " + call[1]).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, t) -> {
                            latencies.add(System.nanoTime() - due);
                            if (t != null) {
                                errors.computeIfAbsent(call[0] + " " + t.getClass().getSimpleName(),
                                        k -> new AtomicLong()).incrementAndGet();
                            } else if (r.statusCode() != 200) {
                                errors.computeIfAbsent(call[0] + " " + r.statusCode(), k -> new AtomicLong())
                                        .incrementAndGet();
                            }
                            answered.countDown();
                        });
            }
            long sendingNanos = System.nanoTime() - t0;
            answered.await(60, TimeUnit.SECONDS);
            var file = Reconciliation.fileReport(ingest, fileId);
            String loadAfter = loadAverage();

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.get()));
            double sent = total / (sendingNanos / 1e9);
            String report = String.format("""
                    load drill %s: %d s at %d requests/s (open loop), %d data APIs, one client each
                    requests due %d, answered %d, sent at %.1f requests/s, %d sent more than 10 ms late
                    errors %d %s
                    latency ms from the due time: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f
                    file during the run: %s, %d rows, at the end of the traffic %s with %d published
                    load average before: %s; after: %s (%d cores)
                    """, start, seconds, rate, calls.size(), total, sorted.size(), sent, lateSends,
                    errorCounts.values().stream().mapToLong(Long::longValue).sum(), errorCounts,
                    ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), ms(sorted, 1.0),
                    intervals.fileName(), intervals.dataRows(), file.path("status").asText(),
                    file.path("publishedRows").asLong(), loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(report);
            Path out = Path.of("target/load-report.txt");
            Files.writeString(out, report + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            // nothing lost: the data set delivered during the traffic is in the read models row by row
            new Reconciliation(stack, data).all(ids);
            return new Result(total, sorted.size(), sent, lateSends, errorCounts, ms(sorted, 0.50),
                    ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), ms(sorted, 1.0),
                    file.path("status").asText(), file.path("publishedRows").asLong(), intervals.dataRows(),
                    loadBefore, loadAfter, report);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The assertions every load run makes: every request answered, at the rate, without an error, p99 in target. */
    static void assertWithin(Result r, int rate, long p99TargetMs) {
        assertThat(r.answered()).as("every request answered").isEqualTo(r.due());
        assertThat(r.sentPerSecond()).as("rate the requests went out at").isGreaterThanOrEqualTo(rate * 0.95);
        assertThat(r.errors()).as("errors").isEmpty();
        assertThat(r.p99()).as("p99 ms (%s)", r.report()).isLessThanOrEqualTo((double) p99TargetMs);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | UncheckedIOException e) {
            return "n/a";
        }
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
