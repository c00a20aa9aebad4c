package org.lfenergy.cds.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/** Reads back every record of a generated data set, with the GridX reader; every row must be accepted. */
public final class GeneratedRecords {

    private GeneratedRecords() {
    }

    /** Hands each record of each written file, in file and line order, to {@code sink}. */
    public static void forEach(GenerationReport report, ZoneId zone, Consumer<Object> sink) throws IOException {
        for (WrittenFile file : report.files()) {
            try (GridxFileReader reader = GridxFileReader.open(file.path(), ReaderOptions.forClientZone(zone))) {
                for (GridxRow row : reader) {
                    assertThat(row.accepted()).as("%s line %d: %s", file.fileName(), row.line(), row.findings())
                            .isTrue();
                    sink.accept(row.record());
                }
            }
        }
    }
}
