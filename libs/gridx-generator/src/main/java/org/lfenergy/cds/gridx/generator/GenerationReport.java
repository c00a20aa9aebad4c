package org.lfenergy.cds.gridx.generator;

import java.time.Duration;
import java.util.List;

import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * What a generation run wrote, for the CLI and the tests; timings are measured here and never written to a file.
 *
 * @param files every file, the Daily Digest last
 */
public record GenerationReport(List<WrittenFile> files, Duration elapsed) {

    /** The file of a type. */
    public WrittenFile file(GridxFileType type) {
        return files.stream().filter(f -> f.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + type + " file was written"));
    }

    /** Interval data rows. */
    public long intervalRows() {
        return file(GridxFileType.INTERVAL).dataRows();
    }

    /** Interval rows per second of the whole run (all files included). */
    public double intervalRowsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return intervalRows() / seconds;
    }
}
