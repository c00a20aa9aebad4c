import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import org.lfenergy.cds.contracts.access.*;
import org.lfenergy.cds.contracts.grant.*;

/**
 * Year2 PORT CALLS PID METER [OUT]: meter-year calls; per page the time to the response headers (server time; the
 * body is sent with them) and to the last body byte; server CPU per call (utime+stime of PID) and PostgreSQL CPU
 * (backends in env PGPIDS). Env: SECRETS, CLIENT, LIMIT, AFTER, BEFORE.
 */
public class Year2 {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]); int calls = Integer.parseInt(a[1]); String pid = a[2]; String meter = a[3];
        String key = Files.readString(Path.of(System.getenv().getOrDefault("SECRETS", "/work/bench-home/secrets") + "/access-filter-key")).trim();
        Instant now = Instant.now();
        AccessFilter f = new AccessFilter("grant-perf", "client-perf", System.getenv().getOrDefault("CLIENT", "DEMO"), List.of("cds_perf"),
            new Coverage(null, IdSelection.ALL, null, null, null, null),
            EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)), List.of(), DateWindows.UNBOUNDED, null, now, now.plus(Duration.ofHours(2)));
        String h = new AccessFilterCodec(key.getBytes(StandardCharsets.UTF_8)).encode(f);
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String first = "http://127.0.0.1:" + port + "/cds/v1/usage-segments?cds_meterdevice_ids=" + meter
            + "&after=" + System.getenv().getOrDefault("AFTER", "2024-01-01T08:00:00Z") + "&before=" + System.getenv().getOrDefault("BEFORE", "2024-12-30T08:00:00Z")
            + "&limit=" + System.getenv().getOrDefault("LIMIT", "366");
        String[] pg = System.getenv().getOrDefault("PGPIDS", "").trim().isEmpty() ? new String[0] : System.getenv("PGPIDS").trim().split("\\s+");
        int maxPages = 8;
        long[] t = new long[calls]; long[][] hdr = new long[maxPages][calls]; long[][] end = new long[maxPages][calls];
        long cpu0 = 0, pg0 = 0; long bytes = 0; int pages = 0;
        for (int i = -5; i < calls; i++) {
            if (i == 0) { cpu0 = cpu(pid); pg0 = 0; for (String p : pg) pg0 += cpu(p); }
            long s = System.nanoTime(); String url = first; pages = 0; bytes = 0;
            while (url != null) {
                long r0 = System.nanoTime(); long[] th = new long[1];
                HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(url)).header(AccessFilter.HEADER, h).build(),
                    info -> { th[0] = System.nanoTime(); return HttpResponse.BodySubscribers.ofByteArray(); });
                long r1 = System.nanoTime();
                if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + new String(r.body()));
                byte[] body = r.body();
                if (i >= 0 && pages < maxPages) { hdr[pages][i] = th[0] - r0; end[pages][i] = r1 - r0; }
                bytes += body.length; pages++;
                if (i == calls - 1 && a.length > 4) Files.write(Path.of(a[4] + "." + pages), body);
                String b = new String(body, body.length > 2000 ? body.length - 2000 : 0, Math.min(2000, body.length), StandardCharsets.UTF_8);
                int n = b.lastIndexOf("\"next\":"); String rest = b.substring(n + 7);
                url = rest.startsWith("null") ? null : rest.substring(1, rest.indexOf('"', 1)).replace("\\u0026", "&");
                if (url != null) url = "http://127.0.0.1:" + port + url.substring(url.indexOf("/cds/"));
            }
            if (i >= 0) t[i] = System.nanoTime() - s;
        }
        long cpu1 = cpu(pid); long pg1 = 0; for (String p : pg) pg1 += cpu(p);
        Arrays.sort(t);
        System.out.printf("calls %d pages/call %d bytes/call %d  wall p50 %.1f ms p99 %.1f ms min %.1f  server CPU %.1f ms/call  PG CPU %.1f ms/call%n",
            calls, pages, bytes, t[calls / 2] / 1e6, t[(int) Math.ceil(calls * 0.99) - 1] / 1e6, t[0] / 1e6, (cpu1 - cpu0) * 10.0 / calls, (pg1 - pg0) * 10.0 / calls);
        for (int p = 0; p < Math.min(pages, maxPages); p++) {
            Arrays.sort(hdr[p]); Arrays.sort(end[p]);
            System.out.printf("  page %d: headers p50 %.1f ms, last byte p50 %.1f ms (min %.1f / %.1f)%n", p + 1, hdr[p][calls / 2] / 1e6, end[p][calls / 2] / 1e6, hdr[p][0] / 1e6, end[p][0] / 1e6);
        }
    }
    static long cpu(String pid) throws Exception {
        String[] s = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(s[11]) + Long.parseLong(s[12]);
    }
}
