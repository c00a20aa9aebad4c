import java.lang.reflect.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import org.lfenergy.cds.contracts.access.*;
import org.lfenergy.cds.contracts.grant.*;
import org.lfenergy.cds.usage.repository.*;
import org.lfenergy.cds.usage.service.*;

/**
 * Capture LIMIT [CURSOR]: prints the key query usage-service (the build on the classpath) sends for the PERF1 meter-year
 * (cds_meterdevice_ids=PERF1-md-0, the Year.java window, direct access to every account), parameters inlined as literals
 * (a custom plan, as PostgreSQL plans an unnamed statement). It runs UsageSegmentQueries.keys against a Pool proxy that
 * records the SQL and the Tuple. Classpath: APPDIR/lib/boot/*:APPDIR/lib/main/*:APPDIR/app/*:.
 */
public class Capture {
    static String sql; static List<Object> params;
    public static void main(String[] a) throws Exception {
        int limit = Integer.parseInt(a[0]);
        PageCursor cursor = a.length > 1 ? PageCursor.decode(a[1], UsageSegmentQueries.ORDER.size()) : null;
        Instant now = Instant.now();
        AccessFilter f = new AccessFilter("grant-perf", "client-perf", "PERF1", List.of("cds_perf"),
            new Coverage(null, IdSelection.ALL, null, null, null, null),
            EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)), List.of(), DateWindows.UNBOUNDED, null, now, now.plus(Duration.ofHours(2)));
        ClassLoader cl = Capture.class.getClassLoader();
        InvocationHandler pq = (p, m, args) -> {
            if (m.getName().equals("execute") && args != null && args.length >= 1) {
                io.vertx.sqlclient.Tuple t = (io.vertx.sqlclient.Tuple) args[0];
                params = new ArrayList<>(); for (int i = 0; i < t.size(); i++) params.add(t.getValue(i));
                for (Object o : args) if (o instanceof io.vertx.core.Handler h) { h.handle(io.vertx.core.Future.failedFuture("captured")); return null; }
                return io.vertx.core.Future.failedFuture("captured");
            }
            throw new UnsupportedOperationException(m.toString());
        };
        InvocationHandler ph = (p, m, args) -> {
            if (m.getName().equals("preparedQuery")) { sql = (String) args[0];
                return Proxy.newProxyInstance(cl, new Class<?>[]{io.vertx.sqlclient.PreparedQuery.class}, pq); }
            throw new UnsupportedOperationException(m.toString());
        };
        io.vertx.sqlclient.Pool core = (io.vertx.sqlclient.Pool) Proxy.newProxyInstance(cl, new Class<?>[]{io.vertx.sqlclient.Pool.class}, ph);
        UsageSegmentQueries q = new UsageSegmentQueries(new io.vertx.mutiny.sqlclient.Pool(core), null);
        UsageSegmentQueries.Filters fl = new UsageSegmentQueries.Filters(List.of(), OffsetDateTime.parse("2024-12-30T08:00:00Z"),
            OffsetDateTime.parse("2024-01-01T08:00:00Z"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of("PERF1-md-0"), List.of(), null, null, List.of());
        try { q.keys(new AccessScope(f), fl, cursor, limit).await().indefinitely(); } catch (Exception e) { }
        String s = sql;
        for (int i = params.size(); i >= 1; i--) s = s.replace("$" + i, lit(params.get(i - 1)));
        System.out.println(s + ";");
    }
    static String lit(Object o) {
        if (o instanceof String[] arr) { StringBuilder b = new StringBuilder("ARRAY[");
            for (int i = 0; i < arr.length; i++) b.append(i == 0 ? "" : ",").append(lit(arr[i])); return b.append("]::text[]").toString(); }
        if (o instanceof OffsetDateTime t) return "'" + t + "'::timestamptz";
        if (o instanceof LocalDate d) return "'" + d + "'::date";
        return "'" + String.valueOf(o).replace("'", "''") + "'";
    }
}
