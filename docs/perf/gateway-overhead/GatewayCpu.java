import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.GrantEvents;

/**
 * CPU per proxied call of gateway builds, side by side, without the bench stack: the gateways under test forward
 * {@code GET /cds/v1/accounts} to a fixed-answer stand-in for billing-service (so the upstream costs the same for every
 * build and nothing of it is counted), with a real Keycloak token and a real grant event on the shared servers.
 *
 * <p>Single-file program on the api-gateway test classpath (its test support classes: CdsTestClients, GrantEvents).
 * <ul>
 *   <li>{@code stub PORT}: the stand-in for billing-service; answers 200 with a 1.6 kB JSON body when the request
 *       carries {@code X-CDS-Access-Filter}, 400 otherwise; runs until killed.</li>
 *   <li>{@code token FILE}: creates the Keycloak client {@code gw-cpu-probe} (1 h tokens, grant claim, scope
 *       {@code cds_query_accounts}), publishes its active grant to {@code cds.grants.v1}, writes the token.</li>
 *   <li>{@code load TOKEN_FILE CLIENTS RUNS SECONDS name=url=pid...}: closed-loop clients (java.net.http, HTTP/1.1
 *       keep-alive), one cell per gateway per run, alternating; per cell calls/s, p50/p99 and the gateway JVM's
 *       utime+stime (/proc/PID/stat) per call.</li>
 * </ul>
 */
public final class GatewayCpu {

    private static final String PATH = "/cds/v1/accounts";
    private static final long TICKS_PER_S = 100; // USER_HZ

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]));
            case "token" -> token(Path.of(args[1]));
            case "load" -> load(args);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void stub(int port) throws Exception {
        StringBuilder body = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < 6; i++) {
            body.append(i == 0 ? "" : ",").append("{\"cds_account_id\":\"DEMO-ACC-00000").append(i)
                    .append("\",\"cds_created\":\"2026-01-01T00:00:00Z\",\"cds_modified\":\"2026-01-01T00:00:00Z\",")
                    .append("\"customer_number\":\"C-000").append(i).append("\",\"account_name\":\"Account ").append(i)
                    .append("\",\"account_type\":\"residential\",\"cds_customer_ids\":[\"DEMO-CUST-1\"]}");
        }
        body.append("],\"next\":null,\"previous\":null}");
        Buffer answer = Buffer.buffer(body.toString());
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(req -> {
            if (req.getHeader("X-CDS-Access-Filter") == null) {
                req.response().setStatusCode(400).end("{\"error\":\"no filter\"}");
                return;
            }
            req.response().putHeader("Content-Type", "application/json").end(answer);
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        System.out.println("stub on " + port + ", body " + answer.length() + " bytes");
        Thread.currentThread().join();
    }

    static void token(Path file) throws Exception {
        String client = "gw-cpu-probe";
        String grantId = GrantEvents.newGrantId();
        Coverage all = new Coverage(null, IdSelection.ALL, null, null, null, null);
        GrantEvent grant = GrantEvents.grant(grantId, client, GrantStatus.ACTIVE,
                GrantEvents.scope("cds_query_accounts", all, IncludeField.ACCOUNTS));
        GrantEvents.get().publish(grant);
        String token = CdsTestClients.get().token(client,
                CdsTestClients.TokenShape.of(grantId, "cds_query_accounts").withLifespan(3600));
        Files.writeString(file, token);
        System.out.println("grant " + grantId + ", token in " + file);
        System.exit(0);
    }

    record Target(String name, String url, long pid) {
    }

    static void load(String[] args) throws Exception {
        String token = Files.readString(Path.of(args[1])).trim();
        int clients = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        List<Target> targets = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] p = args[i].split("=", 3);
            targets.add(new Target(p[0], p[1], Long.parseLong(p[2])));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        System.out.printf("# %d clients, %d runs x %.0f s (+1 s warm-up) per cell, GET %s%n", clients, runs, seconds, PATH);
        System.out.println("run\ttarget\tp50_ms\tp99_ms\tcalls_s\tcalls\terrors\tcpu_ms_per_call");
        for (int run = 1; run <= runs; run++) {
            for (Target t : targets) {
                System.out.println(run + "\t" + t.name() + "\t" + cell(http, t, token, clients, 1.0, seconds));
            }
        }
        System.exit(0);
    }

    static String cell(HttpClient http, Target t, String token, int c, double warmup, double seconds)
            throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[c][400_000];
        int[] counts = new int[c];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            int idx = i;
            Thread th = new Thread(() -> {
                int n = 0;
                HttpRequest request = HttpRequest.newBuilder(URI.create(t.url() + PATH)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build();
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
        long cpuFrom = GatewayOverhead.ticks(t.pid());
        for (Thread th : threads) {
            th.join();
        }
        long cpuTo = GatewayOverhead.ticks(t.pid());
        double window = (System.nanoTime() - measureFrom) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < c; i++) {
            System.arraycopy(lat[i], 0, all, k, counts[i]);
            k += counts[i];
        }
        Arrays.sort(all);
        double ms = (cpuTo - cpuFrom) * 1000.0 / TICKS_PER_S;
        return String.format("%.2f\t%.2f\t%.0f\t%d\t%d\t%.3f", GatewayOverhead.pct(all, 0.50), GatewayOverhead.pct(all, 0.99), total / window, total,
                errors.get(), total == 0 ? Double.NaN : ms / total);
    }
}
