package org.lfenergy.cds.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.lfenergy.cds.contracts.EventCodec;

/**
 * P4: closed-loop HTTP load (java.net.http, one thread per client, keep-alive) on three CDS calls, each through the
 * gateway with a real token and on the domain service directly with the gateway's signed access filter, back to back
 * per concurrency level and run. Prints one TSV line per cell:
 * {@code size api concurrency target run p50_ms p99_ms ops_per_s ops errors}.
 *
 * <p>Usage: ApiLoad GATEWAY BILLING USAGE FILTER_KEY_FILE BOOTSTRAP SIZE_LABEL METER_FILE OUT_TSV
 * (settings as system properties: seconds, warmup, runs, concurrency).
 */
public final class ApiLoad {

    static final String ACCOUNTS = "cds_query_accounts";
    static final String BILL_SECTIONS = "cds_query_bill_sections";
    static final String USAGE = "cds_query_usage";

    private final HttpClient http;
    private final CdsAccess access;
    private final ObjectMapper json = EventCodec.shared().mapper();
    private final Map<String, String> direct;
    private final String gateway;

    /** One call as a client sees it: one or more HTTP requests (a meter-year follows the pages). */
    private interface Op {
        /** Returns the number of 15-minute values seen (meter-year) or items (lists). */
        long run(boolean viaGateway) throws Exception;
    }

    private ApiLoad(HttpClient http, CdsAccess access, String gateway, String billing, String usage) {
        this.http = http;
        this.access = access;
        this.gateway = gateway;
        this.direct = Map.of(ACCOUNTS, billing, BILL_SECTIONS, billing, USAGE, usage);
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String billing = args[1];
        String usage = args[2];
        Path keyFile = Path.of(args[3]);
        String bootstrap = args[4];
        String size = args[5];
        Path meterFile = Path.of(args[6]);
        Path out = Path.of(args[7]);
        double seconds = Double.parseDouble(System.getProperty("seconds", "3"));
        double warmup = Double.parseDouble(System.getProperty("warmup", "1"));
        int runs = Integer.parseInt(System.getProperty("runs", "3"));
        int[] levels = Arrays.stream(System.getProperty("concurrency", "1,8,32").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int[] yearLevels = Arrays.stream(System.getProperty("year.concurrency", System.getProperty("concurrency",
                "1,8,32")).split(",")).mapToInt(Integer::parseInt).toArray();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        CdsAccess access = new CdsAccess(http, gateway, List.of(ACCOUNTS, BILL_SECTIONS, USAGE), keyFile, bootstrap);
        ApiLoad load = new ApiLoad(http, access, gateway, billing, usage);

        // bench/run picks the meter and its year in the read model: "<cds_meterdevice_id> TAB <after>/<before>".
        String[] meterYear = Files.readString(meterFile).trim().split("\t");
        if (meterYear.length != 2 || !meterYear[1].contains("/")) {
            throw new IllegalArgumentException(meterFile + ": expected <cds_meterdevice_id> TAB <after>/<before>");
        }
        String meter = meterYear[0];
        String[] window = meterYear[1].split("/");
        String yearQuery = "/cds/v1/usage-segments?cds_meterdevice_ids=" + meter + "&after=" + window[0]
                + "&before=" + window[1] + "&limit=" + Integer.parseInt(System.getProperty("year.limit", "400"));
        long t = System.nanoTime();
        long directValues = load.meterYear(yearQuery, false);
        double directMs = (System.nanoTime() - t) / 1e6;
        long accounts = load.list("/cds/v1/accounts", ACCOUNTS, "accounts", false);
        long sections = load.list("/cds/v1/bill-sections", BILL_SECTIONS, "bill_sections", false);
        System.err.printf("meter %s: %d quarter-hour values directly (%.0f ms, one call); first pages: %d accounts,"
                + " %d bill sections%n", meter, directValues, directMs, accounts, sections);
        if (directValues == 0 || accounts == 0 || sections == 0) {
            throw new IllegalStateException("a call returns nothing: the grant does not cover the data");
        }
        long gwValues;
        try {
            t = System.nanoTime();
            gwValues = load.meterYear(yearQuery, true);
            System.err.printf("through the gateway: %d values (%.0f ms)%n", gwValues, (System.nanoTime() - t) / 1e6);
        } catch (IllegalStateException e) {
            gwValues = -1;
            System.err.println("through the gateway: " + e.getMessage());
        }

        Map<String, Op> ops = new java.util.LinkedHashMap<>();
        ops.put("accounts", g -> load.list("/cds/v1/accounts", ACCOUNTS, "accounts", g));
        ops.put("bill-sections", g -> load.list("/cds/v1/bill-sections", BILL_SECTIONS, "bill_sections", g));
        // Timed: the pages as a client that follows them sees them (each page streamed once for its segments and
        // `next`); the value count above (a tree of every page, ~35,000 value objects) stays out of the timing.
        ops.put("meter-year", g -> load.meterYearPages(yearQuery, g));
        // -Dcalls=meter-year (comma-separated) measures only those calls, e.g. while profiling one of them.
        List<String> calls = List.of(System.getProperty("calls", String.join(",", ops.keySet())).split(","));
        ops.keySet().retainAll(calls);
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(out,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
            tsv.printf("# %s: meter %s, %d quarter-hour values in its year directly, %s through the gateway;"
                    + " first pages: %d accounts, %d bill sections%n", size, meter, directValues,
                    gwValues < 0 ? "none (error)" : Long.toString(gwValues), accounts, sections);
            for (var e : ops.entrySet()) {
                for (int c : e.getKey().equals("meter-year") ? yearLevels : levels) {
                    for (int run = 1; run <= runs; run++) {
                        for (boolean viaGateway : new boolean[] {true, false}) {
                            String line = String.join("\t", size, e.getKey(), Integer.toString(c),
                                    viaGateway ? "gateway" : "direct", Integer.toString(run),
                                    cell(e.getValue(), viaGateway, c, warmup, seconds));
                            tsv.println(line);
                            tsv.flush();
                            System.out.println(line);
                        }
                    }
                }
            }
        }
    }

    /** One closed-loop cell: c clients, warm-up then measurement; returns "p50_ms p99_ms ops_per_s ops errors". */
    private static String cell(Op op, boolean viaGateway, int c, double warmup, double seconds) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[c];
        long[] lastEnd = new long[c];
        for (int i = 0; i < c; i++) {
            long[] lat = new long[200_000];
            perThread.add(lat);
            int idx = i;
            Thread th = new Thread(() -> {
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    try {
                        op.run(viaGateway);
                    } catch (Exception ex) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println("error: " + ex);
                        }
                        continue;
                    }
                    long t1 = System.nanoTime();
                    // Calls started before the end count when they finish after the warm-up, even past the end: a
                    // call slower than the window is still measured (the window then stretches to its end).
                    if (t1 >= measureFrom && n < lat.length) {
                        lat[n++] = t1 - t0;
                        lastEnd[idx] = Math.max(lastEnd[idx], t1);
                    }
                }
                counts[idx] = n;
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < c; i++) {
            System.arraycopy(perThread.get(i), 0, all, k, counts[i]);
            k += counts[i];
        }
        Arrays.sort(all);
        double window = (Math.max(end, Arrays.stream(lastEnd).max().orElse(end)) - measureFrom) / 1e9;
        return String.format("%.3f\t%.3f\t%.2f\t%d\t%d", pct(all, 0.50), pct(all, 0.99), total / window, total,
                errors.get());
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private JsonNode get(String pathAndQuery, String scope, boolean viaGateway) throws IOException, InterruptedException {
        return json.readTree(body(pathAndQuery, scope, viaGateway));
    }

    /** The body of a 200 answer (any other status is an error). */
    private byte[] body(String pathAndQuery, String scope, boolean viaGateway) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((viaGateway ? gateway : direct.get(scope)) + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        if (viaGateway) {
            b.header("Authorization", "Bearer " + access.token(scope));
        } else {
            b.header("X-CDS-Access-Filter", access.accessFilter(scope));
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + r.uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private long list(String path, String scope, String field, boolean viaGateway) throws Exception {
        return get(path, scope, viaGateway).get(field).size();
    }

    /** All pages of a meter's year; returns the number of non-empty 15-minute values. */
    long meterYear(String firstPage, boolean viaGateway) throws Exception {
        long values = 0;
        String next = firstPage;
        int pages = 0;
        while (next != null) {
            JsonNode page = get(next, USAGE, viaGateway);
            for (JsonNode seg : page.get("usage_segments")) {
                if (seg.path("interval").asInt() == 900) {
                    for (JsonNode set : seg.get("values")) {
                        if (set.size() > 0 && !set.get(0).isNull() && set.get(0).size() > 0) {
                            values++;
                        }
                    }
                }
            }
            JsonNode n = page.get("next");
            next = n == null || n.isNull() ? null : pathAndQuery(n.asText());
            if (++pages > 50) {
                throw new IllegalStateException("more than 50 pages for one meter-year");
            }
        }
        return values;
    }

    /**
     * All pages of a meter's year as a client that only follows the pages sees them: each page is read once as a
     * token stream (well-formed JSON, its segments counted, its {@code next} link taken), no tree; returns the number
     * of segments. What {@link #meterYear} does on top (a tree of ~35,000 value objects per year, decimals as
     * BigDecimal) is the client's own work, not the server's, and took about as long as the server's answer.
     */
    long meterYearPages(String firstPage, boolean viaGateway) throws Exception {
        long segments = 0;
        String next = firstPage;
        int pages = 0;
        while (next != null) {
            byte[] page = body(next, USAGE, viaGateway);
            String link = null;
            boolean listed = false;
            try (JsonParser p = json.getFactory().createParser(page)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("a usage-segments page is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals("usage_segments") && t == JsonToken.START_ARRAY) {
                        listed = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            segments++;
                            p.skipChildren();
                        }
                    } else if (field.equals("next")) {
                        link = t == JsonToken.VALUE_NULL ? null : p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (!listed) {
                throw new IllegalStateException("a usage-segments page without usage_segments");
            }
            next = link == null ? null : pathAndQuery(link);
            if (++pages > 50) {
                throw new IllegalStateException("more than 50 pages for one meter-year");
            }
        }
        return segments;
    }

    private static String pathAndQuery(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
