import io.vertx.core.Vertx;
import io.vertx.pgclient.*;
import io.vertx.sqlclient.*;
import java.nio.file.*;
import java.time.LocalDate;
import java.util.*;

/**
 * PgForm N: the bench meter-year's content query (364 days of DEMO ma:5000005) as usage-service sends it, with the
 * arrays as text (vals::text, quality::text) and in binary (array_send), N times each, alternating in blocks of 10;
 * PostgreSQL backend CPU (utime+stime of the connection's backend) and client wall time per execution.
 */
public class PgForm {
    static final String BASE = "SELECT d.client, d.series_key, d.local_day, d.interval_s, d.channel, d.meter_ids, d.day_start, %s"
        + " FROM interval_day d JOIN unnest($1::text[], $2::text[], $3::text[]::date[], $4::text[]::int[]) AS k(client, series_key, local_day, interval_s)"
        + " ON d.client = k.client AND d.series_key = k.series_key AND d.local_day = k.local_day AND d.interval_s = k.interval_s"
        + " WHERE d.client = ANY($5::text[]) AND d.series_key = ANY($6::text[]) AND d.local_day BETWEEN $7::date AND $8::date";
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        Vertx vx = Vertx.vertx();
        PgConnectOptions o = new PgConnectOptions().setPort(5533).setHost("127.0.0.1").setDatabase("usage_year8").setUser("cds")
            .setPassword(Files.readString(Path.of("/work/bench-home/secrets/db")).trim());
        PgConnection c = PgConnection.connect(vx, o).toCompletionStage().toCompletableFuture().get();
        int pid = c.processId();
        String[] cl = new String[364], se = new String[364], da = new String[364], in = new String[364];
        for (int i = 0; i < 364; i++) { cl[i] = "DEMO"; se[i] = "ma:5000005"; da[i] = LocalDate.of(2024, 1, 1).plusDays(i).toString(); in[i] = "900"; }
        Tuple t = Tuple.from(List.of(cl, se, da, in, new String[] {"DEMO"}, new String[] {"ma:5000005"}, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 29)));
        String[] forms = {"d.vals::text AS v, d.quality::text AS q", "array_send(d.vals) AS v, array_send(d.quality) AS q"};
        long[] cpu = new long[2], wall = new long[2]; int[] count = new int[2]; long[] bytes = new long[2];
        for (int round = -1; round < n / 10; round++) {
            for (int f = 0; f < 2; f++) {
                long c0 = cpu(pid), w0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    RowSet<Row> rs = c.preparedQuery(String.format(BASE, forms[f])).execute(t).toCompletionStage().toCompletableFuture().get();
                    if (rs.size() != 364) throw new IllegalStateException(rs.size() + " rows");
                    if (round == 0 && i == 0) for (Row r : rs) bytes[f] += f == 0 ? r.getString("v").length() : r.getBuffer("v").length();
                }
                if (round >= 0) { cpu[f] += cpu(pid) - c0; wall[f] += System.nanoTime() - w0; count[f] += 10; }
            }
        }
        for (int f = 0; f < 2; f++)
            System.out.printf("%s: PG backend CPU %.1f ms, client wall %.1f ms per execution (%d executions; vals %d bytes)%n",
                forms[f], cpu[f] * 10.0 / count[f], wall[f] / 1e6 / count[f], count[f], bytes[f]);
        c.close(); vx.close();
    }
    static long cpu(int pid) throws Exception {
        String[] s = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(s[11]) + Long.parseLong(s[12]);
    }
}
