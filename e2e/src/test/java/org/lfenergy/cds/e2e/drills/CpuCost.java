package org.lfenergy.cds.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.lfenergy.cds.e2e.support.E2eStack;

/**
 * CPU time per call of each kind of the load mix, which wall-clock latency on a shared machine cannot tell: for each
 * kind, {@code n} calls one after the other (after a warm-up of {@code n / 4}), and the utime + stime
 * ({@code /proc/<pid>/stat}) the five service JVMs and the PostgreSQL server (postmaster and backends) spent
 * meanwhile, divided by {@code n}. The stack must be otherwise idle (run it after the traffic and the reconciliation).
 */
final class CpuCost {

    /** A kind of call; {@code request} gives its i-th request (parameters rotate like the load's). */
    record Call(String name, LongFunction<HttpRequest> request) {
    }

    /** Linux's USER_HZ: the unit of utime and stime. */
    private static final double MS_PER_TICK = 10.0;

    private CpuCost() {
    }

    static String measure(E2eStack stack, List<Call> calls, int n) throws Exception {
        Map<String, Call> kinds = new LinkedHashMap<>();
        calls.forEach(c -> kinds.putIfAbsent(c.name(), c));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder out = new StringBuilder(String.format(
                "CPU ms per call (%d calls one at a time per kind, after %d warm-up; JVM utime+stime, PostgreSQL all"
                        + " backends):%n  %-22s %8s %8s %8s %8s %8s %8s %8s %10s%n", n, n / 4, "kind", "gateway",
                "billing", "usage", "auth", "ingest", "postgres", "total", "bytes/call"));
        for (Call c : kinds.values()) {
            for (long i = 0; i < n / 4; i++) {
                call(http, c, i);
            }
            Map<String, Long> before = ticks(stack);
            long bytes = 0;
            for (long i = 0; i < n; i++) {
                bytes += call(http, c, i);
            }
            Map<String, Long> after = ticks(stack);
            out.append(String.format("  %-22s", c.name()));
            long total = 0;
            for (String k : before.keySet()) {
                long d = after.get(k) - before.get(k);
                total += d;
                out.append(String.format(" %8.2f", d * MS_PER_TICK / n));
            }
            out.append(String.format(" %8.2f %10d%n", total * MS_PER_TICK / n, bytes / n));
        }
        return out.toString();
    }

    private static long call(HttpClient http, Call c, long i) throws Exception {
        HttpResponse<byte[]> r = http.send(c.request().apply(i), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("%s: %s", c.name(), new String(r.body())).isEqualTo(200);
        return r.body().length;
    }

    /** Ticks of each service JVM and of PostgreSQL (postmaster and every backend alive now), in the report's order. */
    private static Map<String, Long> ticks(E2eStack stack) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (String s : List.of("api-gateway", "billing-service", "usage-service", "auth-service",
                "ingest-service")) {
            t.put(s, ticks(stack.pid(s)));
        }
        ProcessHandle pg = stack.infrastructure().serverProcess("postgres").orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(pg.descendants().toList());
        all.add(pg);
        t.put("postgres", all.stream().mapToLong(p -> ticks(p.pid())).sum());
        return t;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException e) {
            return 0; // a backend that ended meanwhile
        }
    }
}
