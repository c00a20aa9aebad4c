import com.fasterxml.jackson.core.*;
import com.fasterxml.jackson.databind.*;
import java.nio.file.*;
import org.lfenergy.cds.contracts.EventCodec;

/** ParseCost N FILE...: CPU ms per meter-year of ApiLoad's client work (tree parse + value count) vs a streaming skip. */
public class ParseCost {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        byte[][] pages = new byte[a.length - 1][];
        for (int i = 1; i < a.length; i++) pages[i - 1] = Files.readAllBytes(Path.of(a[i]));
        ObjectMapper json = EventCodec.shared().mapper();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            long c0 = mx.getCurrentThreadCpuTime(); long v = 0;
            for (int k = 0; k < n; k++) for (byte[] p : pages) {
                JsonNode page = json.readTree(p);
                for (JsonNode seg : page.get("usage_segments")) if (seg.path("interval").asInt() == 900)
                    for (JsonNode set : seg.get("values")) if (set.size() > 0 && !set.get(0).isNull() && set.get(0).size() > 0) v++;
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < n; k++) for (byte[] p : pages) {
                try (JsonParser jp = json.getFactory().createParser(p)) {
                    jp.nextToken();
                    while (jp.nextToken() == JsonToken.FIELD_NAME) {
                        String f = jp.currentName(); jp.nextToken();
                        if (f.equals("next")) v += jp.getValueAsString("").length(); else jp.skipChildren();
                    }
                }
            }
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("tree parse + count: %.1f ms CPU per meter-year; streaming skip: %.1f ms (%d)%n", (c1 - c0) / 1e6 / n, (c2 - c1) / 1e6 / n, v);
        }
    }
}
