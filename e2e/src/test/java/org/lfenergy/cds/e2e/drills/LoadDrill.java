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
 * gone out meanwhile, instead of as requests never sent (coordinated omission).
 *
 * <p>The mix ({@link #MIX}, docs/reliability.md "Load") is what a population of third-party apps asks: small pages of
 * the listings with their default limits, and usage segments of one contract for one day (the daily sync) or one
 * week, not a client's whole usage history per call. Each slot of the mix is called by a client registration of its
 * own (20 requests/s each at 200/s), so the gateway's per-client rate limit (50/s) is not what is measured. The data
 * is generated under the client code the stack's gateway serves, so the answers carry rows.
 */
final class LoadDrill {

    /** A kind of call of the mix: its name, the API path, the scope of its Client Object, and days per usage call. */
    record Kind(String name, String path, String scope, int usageDays) {
    }

    static final Kind ACCOUNTS = new Kind("accounts", "/cds/v1/accounts", "cds_query_accounts", 0);
    static final Kind CONTRACTS = new Kind("service-contracts", "/cds/v1/service-contracts",
            "cds_query_service_contracts", 0);
    static final Kind POINTS = new Kind("service-points", "/cds/v1/service-points", "cds_query_service_points", 0);
    static final Kind METERS = new Kind("meter-devices", "/cds/v1/meter-devices", "cds_query_meter_devices", 0);
    static final Kind STATEMENTS = new Kind("bill-statements", "/cds/v1/bill-statements",
            "cds_query_bill_statements", 0);
    static final Kind SECTIONS = new Kind("bill-sections", "/cds/v1/bill-sections", "cds_query_bill_sections", 0);
    static final Kind USAGE_DAY = new Kind("usage-segments 1 day", "/cds/v1/usage-segments", "cds_query_usage", 1);
    static final Kind USAGE_WEEK = new Kind("usage-segments 7 days", "/cds/v1/usage-segments", "cds_query_usage", 7);

    /**
     * The mix: ten slots, request <i>i</i> takes slot {@code i % 10}. Usage of one contract for one day is 30 % (an
     * energy app syncs yesterday's intervals of each customer every day), one week 10 % (a first sync, a weekly chart);
     * each listing 10 % (an app refreshes a customer's accounts, contracts, points, meters, statements and sections).
     */
    static final List<Kind> MIX = List.of(USAGE_DAY, ACCOUNTS, CONTRACTS, USAGE_DAY, POINTS, METERS, USAGE_DAY,
            STATEMENTS, SECTIONS, USAGE_WEEK);

    /** What a run measured. Latencies in ms from each request's due time. */
    record Result(long due, long sent, long answered, double sentPerSecond, long lateSends,
                  Map<String, Long> statuses, Map<String, Long> errors, double p50, double p90, double p99,
                  double p999, double max, long rowsReconciled, String report) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The shortest data window that holds a whole read-cycle period (about a month, up to 33 days) of every cycle, so
     * every contract has a bill: the generator bills only periods inside the window (30 days gave next to no bills, and
     * the bill listings answered empty pages).
     */
    static final int BILL_DAYS = 66;

    /** The listing kinds and the array each answers: each must answer rows before the traffic starts. */
    private static final Map<Kind, String> LISTS = Map.of(ACCOUNTS, "accounts", CONTRACTS, "service_contracts",
            POINTS, "service_points", METERS, "meter_devices", STATEMENTS, "bill_statements",
            SECTIONS, "bill_sections");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private LoadDrill() {
    }

    /**
     * A slot of the mix: its kind and its registration's access token, fetched again when two thirds of its lifetime
     * have passed, as a real client does (a 10-minute run outlives the realm's 5-minute tokens).
     */
    private static final class Slot {
        private final Kind kind;
        private final java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> issue;
        private String token;
        private long renewAt;

        Slot(Kind kind, java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> issue) {
            this.kind = kind;
            this.issue = issue;
        }

        Kind kind() {
            return kind;
        }

        synchronized String token() {
            if (token == null || System.nanoTime() - renewAt >= 0) {
                com.fasterxml.jackson.databind.JsonNode t = issue.get();
                token = t.path("access_token").asText();
                long lifetime = t.path("expires_in").asLong(60);
                renewAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, lifetime * 2 / 3));
            }
            return token;
        }
    }

    /**
     * Delivers a data set of {@code persons} customers over {@code days} days (its interval file is uploaded just as
     * the measured traffic starts), checks that every listing of the mix answers rows, sends the mix at {@code rate}
     * requests/s for {@code warmupSeconds} without counting it (the JVMs warm up as a deployed service's are), then
     * for {@code seconds} measured, reconciles the data set row by row, and returns the figures (also printed and
     * appended to {@code target/load-report.txt}). With {@code cpuCalls > 0} it then measures the CPU time per call of
     * each kind of the mix ({@link CpuCost}) and adds it to the report. Bills need {@code days >= }{@link #BILL_DAYS}.
     */
    static Result run(E2eStack stack, Path work, int seconds, int rate, int persons, int days, int warmupSeconds,
                      int cpuCalls) throws Exception {
        if (days < BILL_DAYS) {
            throw new IllegalArgumentException(days + " days hold no whole billing period: give at least " + BILL_DAYS);
        }
        String gw = stack.gateway();
        String ingest = stack.url("ingest-service");
        List<Slot> slots = new ArrayList<>();
        for (Kind kind : MIX) {
            // a registration of its own per slot: the gateway's limit (50/s) is per registered client
            CdsClient app = CdsClient.register(gw, "cds_client_admin " + kind.scope());
            ClientObject object = app.objectWithScope(kind.scope());
            Slot slot = new Slot(kind, () -> app.clientCredentials(object, kind.scope(), null));
            slot.token();
            slots.add(slot);
        }

        // days ending two days before today: a direct-access grant's default windows count back from now (bills one
        // year, usage 13 months), and 2024 data answered every bill and usage call with an empty page
        java.time.LocalDate first = java.time.LocalDate.now(DrillData.ZONE).minusDays(days + 2L);
        DrillData data = DrillData.generateFor(work, stack.gridxClient(), persons, days, first);
        List<String> contracts = new ArrayList<>(data.customers.keySet());
        WrittenFile intervals = data.file(GridxFileType.INTERVAL); // the measured part with a warm-up
        Map<WrittenFile, String> ids = new LinkedHashMap<>();
        for (WrittenFile f : data.files(false)) {
            if (f.type() != GridxFileType.INTERVAL) {
                ids.put(f, Reconciliation.upload(ingest, f));
            }
        }
        for (String id : ids.values()) { // the listings have rows before the traffic starts
            Reconciliation.awaitFinished(ingest, id, Duration.ofMinutes(3));
        }

        listingsAnswerRows(gw, slots);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        // HTTP/1.1, a connection per request in flight (pooled): a population of clients spreads over the gateway's
        // event loops; one HTTP/2 connection (the JDK client's default, h2c) would pin all traffic to one of them
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
        try {
            String warmup = "no warm-up";
            if (warmupSeconds > 0) {
                // the same mix at the same rate, not counted: production JVMs are warm. The first third of the days'
                // intervals ingests meanwhile (and the usage calls ask for those days), so the projection and the
                // segment assembly are warm too; the rest is the file that ingests under the measured traffic.
                int warmDays = days / 3;
                List<WrittenFile> parts = data.intervalsSplitAt(first.plusDays(warmDays));
                intervals = parts.get(1);
                Traffic w = new Traffic();
                long wt0 = System.nanoTime();
                ids.put(parts.get(0), Reconciliation.upload(ingest, parts.get(0)));
                w.send(http, gw, slots, contracts, first, warmDays, (long) warmupSeconds * rate, rate);
                w.answered.await(120, TimeUnit.SECONDS);
                warmup = String.format("warm-up (not counted) %d s at %d/s while %s (%d rows, the first %d days)"
                        + " ingested: %d sent, answered %s in %.1f s", warmupSeconds, rate, parts.get(0).fileName(),
                        parts.get(0).dataRows(), warmDays, w.sent, counts(w.statuses), (System.nanoTime() - wt0) / 1e9);
            }
            Traffic traffic = new Traffic();
            Map<String, ConcurrentLinkedQueue<Long>> latencies = traffic.latencies;
            Map<String, AtomicLong> statuses = traffic.statuses;
            Map<String, AtomicLong> errors = traffic.errors;
            long total = (long) seconds * rate;
            String loadBefore = loadAverage();
            Instant start = Instant.now();
            String fileId = Reconciliation.upload(ingest, intervals);
            ids.put(intervals, fileId);
            long t0 = System.nanoTime();
            traffic.send(http, gw, slots, contracts, first, days, total, rate);
            long lateSends = traffic.lateSends;
            long sentCount = traffic.sent;
            CountDownLatch answered = traffic.answered;
            long sendingNanos = System.nanoTime() - t0;
            answered.await(120, TimeUnit.SECONDS);
            double answeringSeconds = (System.nanoTime() - t0) / 1e9;
            var file = Reconciliation.fileReport(ingest, fileId);
            String loadAfter = loadAverage();

            List<Long> all = new ArrayList<>();
            StringBuilder perKind = new StringBuilder();
            for (String kind : new TreeMap<>(latencies).keySet()) {
                List<Long> sorted = new ArrayList<>(latencies.get(kind));
                Collections.sort(sorted);
                all.addAll(sorted);
                perKind.append(String.format("  %-22s %5d answered, p50 %8.1f, p99 %8.1f, max %8.1f ms%n", kind,
                        sorted.size(), ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0)));
            }
            Collections.sort(all);
            Map<String, Long> statusCounts = counts(statuses);
            Map<String, Long> errorCounts = counts(errors);
            double sent = sentCount / (sendingNanos / 1e9);

            // nothing lost: the data set delivered during the traffic is in the read models row by row
            long reconcileStart = System.nanoTime();
            long rows = ids.keySet().stream().mapToLong(WrittenFile::dataRows).sum();
            String reconciled;
            Throwable failed = null;
            try {
                new Reconciliation(stack, data).all(ids);
                reconciled = String.format("%d files, %d rows (%d interval values), in %d s after the traffic",
                        ids.size(), rows, data.intervalRows, (System.nanoTime() - reconcileStart) / 1_000_000_000L);
            } catch (RuntimeException | AssertionError e) { // the figures are reported all the same
                failed = e;
                reconciled = "FAILED: " + e.getMessage();
            }
            String cpu = "";
            if (cpuCalls > 0 && failed == null) {
                try {
                    cpu = CpuCost.measure(stack, slots.stream().map(s -> new CpuCost.Call(s.kind().name(),
                            i -> request(gw, s, contracts, first, days, i * MIX.size()))).toList(), cpuCalls);
                } catch (RuntimeException | AssertionError e) { // the traffic's figures are reported all the same
                    failed = e;
                    cpu = "CPU measurement FAILED: " + e.getMessage();
                }
            }

            String report = String.format("""
                    load drill %s: %d s at %d requests/s (open loop), mix of %d slots (one client registration each): %s
                    %s
                    requests due %d, sent %d at %.1f/s (%d more than 10 ms late), answered %d (%s) in %.1f s: %.1f/s
                    errors %d %s
                    latency ms from the due time: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f
                    per kind:
                    %sfile during the run: %s, %d rows, at the end of the traffic %s with %d published
                    reconciled row by row: %s
                    load average before: %s; after the traffic: %s (%d cores)
                    %s""", start, seconds, rate, slots.size(),
                    slots.stream().map(s -> s.kind().name()).toList(), warmup, total, sentCount, sent, lateSends,
                    all.size(), statusCounts, answeringSeconds, all.size() / answeringSeconds,
                    errorCounts.values().stream().mapToLong(Long::longValue).sum(), errorCounts,
                    ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 0.999), ms(all, 1.0),
                    perKind, intervals.fileName(), intervals.dataRows(), file.path("status").asText(),
                    file.path("publishedRows").asLong(), reconciled, loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors(), cpu);
            System.out.println(report);
            Files.writeString(Path.of("target/load-report.txt"), report + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (failed instanceof RuntimeException e) {
                throw e;
            } else if (failed instanceof AssertionError e) {
                throw e;
            }
            return new Result(total, sentCount, all.size(), sent, lateSends, statusCounts, errorCounts,
                    ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 0.999), ms(all, 1.0), rows, report);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One open-loop phase of traffic: what it sent and what came back. */
    private static final class Traffic {
        final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        CountDownLatch answered;
        long sent;
        long lateSends;

        /** Sends {@code total} requests of the mix, request i due at {@code t0 + i / rate}; returns when all went out. */
        void send(HttpClient http, String gw, List<Slot> slots, List<String> contracts, java.time.LocalDate first,
                  int days, long total, int rate) {
            answered = new CountDownLatch((int) total);
            long t0 = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = t0 + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -10_000_000L) {
                    lateSends++;
                }
                Slot slot = slots.get((int) (i % slots.size()));
                String name = slot.kind().name();
                http.sendAsync(request(gw, slot, contracts, first, days, i), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, t) -> {
                            latencies.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>())
                                    .add(System.nanoTime() - due);
                            Throwable cause = t instanceof java.util.concurrent.CompletionException
                                    && t.getCause() != null ? t.getCause() : t;
                            String outcome = cause != null ? cause.getClass().getSimpleName()
                                    : String.valueOf(r.statusCode());
                            statuses.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                            if (t != null || r.statusCode() != 200) {
                                errors.computeIfAbsent(name + " " + outcome, k -> new AtomicLong()).incrementAndGet();
                            }
                            answered.countDown();
                        });
                sent++;
            }
        }
    }

    /**
     * Every listing of the mix answers a non-empty page before the traffic starts (the projections are asynchronous:
     * waits up to 3 minutes), so the traffic measures real rows, not empty pages of data outside a grant's window.
     */
    private static void listingsAnswerRows(String gw, List<Slot> slots) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (Slot slot : slots) {
            String array = LISTS.get(slot.kind());
            if (array == null) {
                continue;
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        HttpResponse<String> r = http.send(request(gw, slot, List.of(), null, 0, 0),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as("%s: %s", slot.kind().name(), r.body()).isEqualTo(200);
                        assertThat(JSON.readTree(r.body()).path(array).size())
                                .as("%s rows on the first page: %s", slot.kind().name(), r.body()).isPositive();
                    });
        }
    }

    /**
     * Request {@code i} of a slot: a listing page with its default limit, or the usage segments of one contract for
     * {@code usageDays} local days (contract and day rotate through the data set's).
     */
    private static HttpRequest request(String gw, Slot slot, List<String> contracts, java.time.LocalDate start,
                                       int days, long i) {
        String uri = gw + slot.kind().path();
        int n = slot.kind().usageDays();
        if (n > 0) {
            int day = (int) ((i / MIX.size()) % Math.max(1, days - n + 1));
            var first = start.plusDays(day).atStartOfDay(DrillData.ZONE);
            // segments overlapping [first day 00:01, last day 23:00]: exactly those n local days
            uri += "?contract_numbers=" + contracts.get((int) ((i / MIX.size()) % contracts.size()))
                    + "&after=" + first.plusMinutes(1).toInstant() + "&before="
                    + first.plusDays(n - 1).plusHours(23).toInstant();
        }
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + slot.token())
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** The assertions every load run makes: every request answered 200 at the rate, no error, p99 in bound. */
    static void assertWithin(Result r, int rate, long p99BoundMs) {
        assertThat(r.sent()).as("requests sent (%s)", r.report()).isEqualTo(r.due());
        assertThat(r.sentPerSecond()).as("rate the requests went out at").isGreaterThanOrEqualTo(rate * 0.95);
        assertThat(r.answered()).as("every request answered (%s)", r.report()).isEqualTo(r.due());
        assertThat(r.errors()).as("errors (%s)", r.report()).isEmpty();
        assertThat(r.statuses()).as("every answer 200 (%s)", r.report()).isEqualTo(Map.of("200", r.due()));
        assertThat(r.p99()).as("p99 ms from the due time (%s)", r.report()).isLessThanOrEqualTo((double) p99BoundMs);
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    static String loadAverage() {
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
