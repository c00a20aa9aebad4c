package org.lfenergy.cds.gridx.format.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.cds.gridx.format.Dialect;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;

class GridxWriterTest {

    private static final String[] AWKWARD = {"plain", "with, comma", "with | pipe", "with\ttab", "with \"quotes\"",
            "two\nlines", " leading blank", "#hash", ""};

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void writtenFilesReadBackUnchangedInEveryDialectAndCompression(Dialect dialect) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            GridxFileName name = GridxFileName.of("ACME", GridxFileType.CUSTOMERATTRIBUTE,
                    LocalDateTime.of(2024, 1, 2, 3, 4, 5), dialect, gzip);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GridxWriter w = GridxWriter.open(out, name)) {
                for (String value : AWKWARD) {
                    w.writeRow("CT", "1", "note", value.isEmpty() ? "x" : value, "20240101", value.isEmpty() ? null : "");
                }
                assertThat(w.lines()).isEqualTo(AWKWARD.length + 1);
            }
            if (!gzip) {
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
            }
            List<GridxRow> rows = new ArrayList<>();
            try (GridxFileReader r = GridxFileReader.open(new ByteArrayInputStream(out.toByteArray()), name,
                    ReaderOptions.forClientZone(ZoneId.of("UTC")))) {
                r.forEach(rows::add);
                assertThat(r.fileFindings()).isEmpty();
            }
            assertThat(rows).hasSize(AWKWARD.length).allSatisfy(row -> assertThat(row.findings()).isEmpty());
            for (int i = 0; i < AWKWARD.length; i++) {
                String expected = AWKWARD[i].isEmpty() ? "x" : AWKWARD[i];
                assertThat(((CustomerAttributeRecord) rows.get(i).record()).value()).as(dialect + " " + i)
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusesRowOfWrongWidth(Dialect dialect) throws IOException {
        GridxFileName name = GridxFileName.of("ACME", GridxFileType.EVENT, LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                dialect, false);
        try (GridxWriter w = GridxWriter.open(new ByteArrayOutputStream(), name)) {
            assertThatThrownBy(() -> w.writeRow("a", "b")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
