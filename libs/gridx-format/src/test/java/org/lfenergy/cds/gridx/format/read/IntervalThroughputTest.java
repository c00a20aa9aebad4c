package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IntervalThroughputTest {

    static byte[] intervalFile(int rows) {
        StringBuilder b = new StringBuilder(rows * 90);
        b.append("MeterAccount_ID,Meter_ID,Usage_value,Date_of_interval,Datetime_of_interval,Channel,Time_zone,Interval_frequency,Data_version\n");
        for (int i = 0; i < rows; i++) {
            int day = 1 + (i / 96) % 28;
            int q = i % 96;
            b.append("MA").append(i % 1000).append(",M").append(i % 1000).append(',')
                    .append(i % 7).append('.').append(10000 + i % 90000).append(",202403")
                    .append(day < 10 ? "0" : "").append(day).append(",202403").append(day < 10 ? "0" : "").append(day)
                    .append(q / 4 < 10 ? "0" : "").append(q / 4).append(q % 4 == 0 ? "00" : String.valueOf(q % 4 * 15))
                    .append(",KWH_DEL,America/Los_Angeles,15,A\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesIntervalRowsFast() throws IOException {
        byte[] data = intervalFile(1_000_000);
        // Thread CPU time, not wall time: the figure is per core even on a busy shared machine.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long accepted = 0;
        for (int round = 0; round < 4; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            try (GridxFileReader r = GridxFileReader.open(new ByteArrayInputStream(data),
                    "GRIDX_ACME_INTERVAL_20240101000000.csv", ReaderOptions.forClientZone(Fixture.LA))) {
                accepted = 0;
                for (GridxRow row : r) {
                    if (row.accepted()) {
                        accepted++;
                    }
                }
            }
            best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
        }
        double rate = 1_000_000 / (best / 1e9);
        System.out.printf("INTERVAL parse: %.0f rows/s per core (CPU time, best of 4 rounds of 1M rows)%n", rate);
        assertThat(accepted).isLessThanOrEqualTo(1_000_000);
        // Measured about 1M rows/s per core here; the floor leaves room for slower CI machines.
        assertThat(rate).isGreaterThan(500_000);
    }
}
