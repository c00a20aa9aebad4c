package org.lfenergy.cds.bench;

import java.nio.file.Path;
import java.time.ZoneId;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;

/**
 * Parse-only and parse+encode rates of one GridX file, and the average encoded event size (which Kafka's
 * ProducerPerformance baseline then uses). Prints {@code key=value} lines for bench/run.
 */
public final class ParseOnly {

    private ParseOnly() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ReaderOptions options = ReaderOptions.forClientZone(ZoneId.of(args.length > 1 ? args[1] : "America/Los_Angeles"));
        long rows = 0;
        long start = System.nanoTime();
        try (GridxFileReader reader = GridxFileReader.open(file, options)) {
            for (GridxRow row : reader) {
                if (row.accepted()) {
                    rows++;
                }
            }
        }
        double parseSeconds = (System.nanoTime() - start) / 1e9;

        EventCodec codec = EventCodec.shared();
        long bytes = 0;
        long encoded = 0;
        start = System.nanoTime();
        try (GridxFileReader reader = GridxFileReader.open(file, options)) {
            for (GridxRow row : reader) {
                if (row.accepted()) {
                    RowEvent<GridxPayload> event = GridxEvents.rowEvent("BENCH", "00000000-0000-0000-0000-000000000000",
                            reader.file(), row.line(), row.record());
                    bytes += codec.encode(event).length;
                    encoded++;
                }
            }
        }
        double encodeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rows=%d%n", rows);
        System.out.printf("parse_rows_per_s=%.0f%n", rows / parseSeconds);
        System.out.printf("parse_encode_rows_per_s=%.0f%n", encoded / encodeSeconds);
        System.out.printf("avg_event_bytes=%d%n", encoded == 0 ? 0 : bytes / encoded);
    }
}
