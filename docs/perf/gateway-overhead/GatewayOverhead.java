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
import java.util.concurrent.atomic.AtomicLong;
import org.lfenergy.cds.bench.CdsAccess;

/**
 * Gateway overhead on one call (GET /cds/v1/accounts, the bench's P4 "accounts"): closed-loop clients (java.net.http,
 * HTTP/1.1 keep-alive, one thread each) call billing-service directly with the access filter the gateway would build,
 * and the same path through each gateway under test with a real token, alternating per run. Besides p50/p99 and
 * calls/s it reads the CPU time (utime + stime, /proc/PID/stat) each named process spent during the cell, per call.
 *
 * <p>Usage (single-file source, classpath = the bench module's):
 * {@code java -cp CP GatewayOverhead REGISTER_GW BILLING KEY_FILE BOOTSTRAP CLIENTS RUNS SECONDS name=url=pid...
 * [cpu:name=pid...]}. The token is obtained once through REGISTER_GW (bench CdsAccess: register, admin token,
 * credentials, client_credentials token with cds_grant_id) and used with every gateway.
 */
public final class GatewayOverhead {

    private static final String SCOPE = "cds_query_accounts";
    private static final String PATH = "/cds/v1/accounts";
    private static final long TICKS_PER_S = 100; // USER_HZ on Linux

    record Target(String name, String url, boolean direct) {
    }

    record Cpu(String name, long pid) {
    }

    public static void main(String[] args) throws Exception {
        String registerGw = args[0];
        String billing = args[1];
        Path key = Path.of(args[2]);
        String bootstrap = args[3];
        int clients = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        double seconds = Double.parseDouble(args[6]);
        List<Target> targets = new ArrayList<>();
        List<Cpu> cpus = new ArrayList<>();
        if (!Boolean.getBoolean("skip.direct")) {
            targets.add(new Target("direct", billing, true));
        }
        for (int i = 7; i < args.length; i++) {
            if (args[i].startsWith("cpu:")) {
                String[] p = args[i].substring(4).split("=");
                cpus.add(new Cpu(p[0], Long.parseLong(p[1])));
            } else {
                String[] p = args[i].split("=", 3);
                targets.add(new Target(p[0], p[1], false));
                cpus.add(new Cpu(p[0], Long.parseLong(p[2])));
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        CdsAccess access = new CdsAccess(http, registerGw, List.of(SCOPE), key, bootstrap);
        String token = access.token(SCOPE);
        System.out.printf("# %d clients, %d runs × %.0f s (+1 s warm-up) per cell, GET %s%n", clients, runs, seconds, PATH);
        System.out.print("run\ttarget\tp50_ms\tp99_ms\tcalls_s\tcalls\terrors");
        cpus.forEach(c -> System.out.print("\tcpu_ms_per_call:" + c.name()));
        System.out.println();
        for (int run = 1; run <= runs; run++) {
            for (Target t : targets) {
                String line = cell(http, t, token, access, clients, 1.0, seconds, cpus);
                System.out.println(run + "\t" + t.name() + "\t" + line);
            }
        }
    }

    /** utime + stime of a process, in clock ticks. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    static String cell(HttpClient http, Target t, String token, CdsAccess access, int c, double warmup,
                       double seconds, List<Cpu> cpus) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[c][400_000];
        int[] counts = new int[c];
        long[] cpuAtMeasure = new long[cpus.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            int idx = i;
            Thread th = new Thread(() -> {
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    try {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.url() + PATH))
                                .timeout(Duration.ofSeconds(30)).GET();
                        if (t.direct()) {
                            b.header("X-CDS-Access-Filter", access.accessFilter(SCOPE));
                        } else {
                            b.header("Authorization", "Bearer " + token);
                        }
                        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(t.name() + " answered " + r.statusCode() + ": "
                                    + new String(r.body()));
                        }
                    } catch (Exception ex) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println("error: " + ex);
                        }
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && n < lat[idx].length) {
                        lat[idx][n++] = t1 - t0;
                    }
                }
                counts[idx] = n;
            });
            th.start();
            threads.add(th);
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        for (int i = 0; i < cpus.size(); i++) {
            cpuAtMeasure[i] = ticks(cpus.get(i).pid());
        }
        for (Thread th : threads) {
            th.join();
        }
        long[] cpuAtEnd = new long[cpus.size()];
        for (int i = 0; i < cpus.size(); i++) {
            cpuAtEnd[i] = ticks(cpus.get(i).pid());
        }
        double window = (System.nanoTime() - measureFrom) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < c; i++) {
            System.arraycopy(lat[i], 0, all, k, counts[i]);
            k += counts[i];
        }
        Arrays.sort(all);
        StringBuilder out = new StringBuilder(String.format("%.2f\t%.2f\t%.0f\t%d\t%d", pct(all, 0.50), pct(all, 0.99),
                total / window, total, errors.get()));
        for (int i = 0; i < cpus.size(); i++) {
            double ms = (cpuAtEnd[i] - cpuAtMeasure[i]) * 1000.0 / TICKS_PER_S;
            out.append(String.format("\t%.3f", total == 0 ? Double.NaN : ms / total));
        }
        return out.toString();
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
