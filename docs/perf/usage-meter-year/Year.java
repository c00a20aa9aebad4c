import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import org.lfenergy.cds.contracts.access.*;
import org.lfenergy.cds.contracts.grant.*;

/**
 * Year PORT CALLS PID [meter|all] [OUT]: walks the meter-year (or, with "all", every segment of the client) CALLS times;
 * prints ms per call p50/p99 and CPU ms per call of PID; OUT.1 … OUT.n get the last call's pages. Environment: SECRETS
 * (directory of access-filter-key, default /work/bench-home/secrets), CLIENT (GridX client, default DEMO).
 */
public class Year {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]); int calls = Integer.parseInt(a[1]); String pid = a[2];
        String meter = a.length > 3 ? a[3] : "md_dqfxragjqjxamth3qdiymsvs";
        String key = Files.readString(Path.of(System.getenv().getOrDefault("SECRETS", "/work/bench-home/secrets") + "/access-filter-key")).trim();
        Instant now = Instant.now();
        AccessFilter f = new AccessFilter("grant-perf", "client-perf", System.getenv().getOrDefault("CLIENT", "DEMO"), List.of("cds_perf"),
            new Coverage(null, IdSelection.ALL, null, null, null, null),
            EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)), List.of(), DateWindows.UNBOUNDED, null, now, now.plus(Duration.ofHours(2)));
        String h = new AccessFilterCodec(key.getBytes(StandardCharsets.UTF_8)).encode(f);
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String first = "http://127.0.0.1:" + port + "/cds/v1/usage-segments?" + (meter.equals("all") ? "" : "cds_meterdevice_ids=" + meter + "&")
            + "after=2024-01-01T08:00:00Z&before=2024-12-30T08:00:00Z&limit=100";
        long[] t = new long[calls]; long cpu0 = 0; long bytes = 0; int pages = 0; long values = 0;
        for (int i = -5; i < calls; i++) {
            if (i == 0) cpu0 = cpu(pid);
            long s = System.nanoTime(); String url = first; pages = 0; bytes = 0;
            while (url != null) {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).header(AccessFilter.HEADER, h).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
                String b = r.body(); bytes += b.length(); pages++;
                if (i == calls - 1 && a.length > 4) Files.writeString(Path.of(a[4] + "." + pages), b);
                int n = b.indexOf("\"next\":"); String rest = b.substring(n + 7);
                url = rest.startsWith("null") ? null : rest.substring(1, rest.indexOf('"', 1)).replace("\\u0026", "&");
                if (url != null) url = "http://127.0.0.1:" + port + url.substring(url.indexOf("/cds/"));
            }
            if (i >= 0) t[i] = System.nanoTime() - s;
        }
        long cpu1 = cpu(pid);
        Arrays.sort(t);
        System.out.printf("calls %d pages/call %d bytes/call %d  wall p50 %.1f ms p99 %.1f ms  server CPU %.1f ms/call%n",
            calls, pages, bytes, t[calls / 2] / 1e6, t[(int) Math.ceil(calls * 0.99) - 1] / 1e6, (cpu1 - cpu0) * 10.0 / calls);
    }
    static long cpu(String pid) throws Exception {
        String[] s = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(s[11]) + Long.parseLong(s[12]);
    }
}
