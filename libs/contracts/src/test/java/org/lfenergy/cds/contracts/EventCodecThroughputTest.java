package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/** Rough single-thread throughput of encoding interval events; run with -Dcontracts.perf=true (not in CI). */
@EnabledIfSystemProperty(named = "contracts.perf", matches = "true")
class EventCodecThroughputTest {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    // CPU time of this thread, not wall time: the build machine is shared, wall time measures the neighbours.
    private static double cpuSeconds(Runnable work) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        work.run();
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    @Test
    void encodesIntervalEventsFastEnoughForIngest() {
        EventCodec codec = EventCodec.shared();
        OffsetDateTime start = Samples.la(2024, 3, 1, 0, 0);
        CloudEventHeaders.RowHeaders headers = CloudEventHeaders.forRows(Topic.INTERVALS, "DEMO", "f-1",
                "GRIDX_DEMO_INTERVAL_20240301120000.csv", start.toInstant());
        int n = 500_000;
        @SuppressWarnings("unchecked")
        RowEvent<IntervalPayload>[] events = new RowEvent[n];
        for (int i = 0; i < n; i++) {
            OffsetDateTime t = start.plusMinutes(15L * (i % 96));
            events[i] = RowEvent.of("DEMO", "f-1", "GRIDX_DEMO_INTERVAL_20240301120000.csv", i + 2,
                    new IntervalPayload("5000" + (i % 1000), null, BigDecimal.valueOf(i % 5000, 3),
                            t.toLocalDate(), t, t.toInstant(), "KWH_DEL", "America/Los_Angeles", 15, "A"));
        }
        long[] sink = new long[1];
        double encode = 0;
        double key = 0;
        double head = 0;
        for (int round = 0; round < 3; round++) { // earlier rounds warm up the JIT; the last one counts
            encode = cpuSeconds(() -> {
                for (RowEvent<IntervalPayload> e : events) {
                    sink[0] += codec.encode(e).length;
                }
            });
            key = cpuSeconds(() -> {
                for (RowEvent<IntervalPayload> e : events) {
                    sink[0] += Topic.INTERVALS.keyOf(e).length();
                }
            });
            head = cpuSeconds(() -> {
                for (RowEvent<IntervalPayload> e : events) {
                    headers.forLine(e.source().line(), (k, v) -> sink[0] += v.length);
                }
            });
        }
        System.out.printf("per event (CPU): encode %.0f ns, key %.0f ns, headers %.0f ns -> %.0f events/s/core%n",
                encode * 1e9 / n, key * 1e9 / n, head * 1e9 / n, n / (encode + key + head));
        assertThat(n / (encode + key + head)).isGreaterThan(500_000);
    }
}
