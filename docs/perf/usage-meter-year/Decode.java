import io.vertx.core.Vertx;
import io.vertx.pgclient.*;
import io.vertx.sqlclient.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.time.LocalDate;
import java.util.*;

/**
 * Decode N: the bench meter-year's 364 channel days fetched in both forms (text: vals::text, quality::text; binary:
 * array_send), then the client-side work of each form per meter-year, N times, alternating: the PG client's row
 * decoding (fetch of the already-planned rows is not separable, so timed is: row access + the build's decoder) using
 * the base build's SqlArrays (text) and the new build's SqlArrays (binary), each from its own class loader.
 */
public class Decode {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        Vertx vx = Vertx.vertx();
        PgConnectOptions o = new PgConnectOptions().setPort(5533).setHost("127.0.0.1").setDatabase("usage_year8").setUser("cds")
            .setPassword(Files.readString(Path.of("/work/bench-home/secrets/db")).trim());
        PgConnection c = PgConnection.connect(vx, o).toCompletionStage().toCompletableFuture().get();
        String q = "SELECT %s FROM interval_day d WHERE d.client='DEMO' AND d.series_key='ma:5000005' AND d.local_day BETWEEN '2024-01-01' AND '2024-12-29'";
        RowSet<Row> text = c.preparedQuery(String.format(q, "d.vals::text AS v, d.quality::text AS q")).execute().toCompletionStage().toCompletableFuture().get();
        RowSet<Row> bin = c.preparedQuery(String.format(q, "array_send(d.vals) AS v, array_send(d.quality) AS q")).execute().toCompletionStage().toCompletableFuture().get();
        ClassLoader base = new URLClassLoader(new URL[] {Path.of("base/app/usage-service-0.1.0-SNAPSHOT.jar").toUri().toURL()}, Decode.class.getClassLoader());
        ClassLoader neu = new URLClassLoader(new URL[] {Path.of("new/app/usage-service-0.1.0-SNAPSHOT.jar").toUri().toURL()}, Decode.class.getClassLoader());
        Method td = base.loadClass("org.lfenergy.cds.usage.repository.SqlArrays").getMethod("decimalTexts", String.class);
        Method tt = base.loadClass("org.lfenergy.cds.usage.repository.SqlArrays").getMethod("texts", String.class);
        Method bd = neu.loadClass("org.lfenergy.cds.usage.repository.SqlArrays").getMethod("decimalTexts", byte[].class);
        Method bt = neu.loadClass("org.lfenergy.cds.usage.repository.SqlArrays").getMethod("texts", byte[].class);
        long[] ns = new long[2]; long sink = 0;
        for (int i = -n; i < n; i++) { // first n: warm-up
            long t0 = System.nanoTime();
            for (Row r : text) { sink += ((String[]) td.invoke(null, r.getString("v"))).length + ((String[]) tt.invoke(null, r.getString("q"))).length; }
            long t1 = System.nanoTime();
            for (Row r : bin) { sink += ((String[]) bd.invoke(null, (Object) r.getBuffer("v").getBytes())).length + ((String[]) bt.invoke(null, (Object) r.getBuffer("q").getBytes())).length; }
            long t2 = System.nanoTime();
            if (i >= 0) { ns[0] += t1 - t0; ns[1] += t2 - t1; }
        }
        // same texts?
        Iterator<Row> ti = text.iterator(), bi = bin.iterator(); int same = 0;
        while (ti.hasNext()) { Row x = ti.next(), y = bi.next();
            if (Arrays.equals((String[]) td.invoke(null, x.getString("v")), (String[]) bd.invoke(null, (Object) y.getBuffer("v").getBytes()))
                && Arrays.equals((String[]) tt.invoke(null, x.getString("q")), (String[]) bt.invoke(null, (Object) y.getBuffer("q").getBytes()))) same++; }
        System.out.printf("decode per meter-year (364 days, %d rounds): text %.2f ms, binary %.2f ms; %d/%d days identical (%d)%n",
            n, ns[0] / 1e6 / n, ns[1] / 1e6 / n, same, text.size(), sink % 7);
        c.close(); vx.close();
    }
}
