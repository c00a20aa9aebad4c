package org.lfenergy.cds.gridx.generator.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.gridx.format.Dialect;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.WrittenFile;

class GridxFileSinkTest {

    @TempDir
    Path dir;

    private GridxFileSink open(Dialect dialect) throws IOException {
        return GridxFileSink.open(dir, GridxFileName.of("T", GridxFileType.EVENT, LocalDateTime.of(2024, 1, 1, 0, 0),
                dialect, false));
    }

    @ParameterizedTest(name = "{0} scale {1} -> {2}")
    @CsvSource({"412, 3, 0.412", "5, 3, 0.005", "12345678, 3, 12345.678", "-1005, 2, -10.05", "0, 3, 0.000",
        "42, 0, 42"})
    void fixedDecimalsKeepTheirScale(long unscaled, int scale, String expected) throws IOException {
        GridxFileSink sink = open(Dialect.CSV);
        sink.fixed(unscaled, scale).endRow();
        WrittenFile file = sink.finish();

        assertThat(Files.readAllLines(file.path()).get(1)).isEqualTo(expected);
    }

    @Test
    void fieldsAreJoinedWithTheDialectsDelimiterAndRowsCounted() throws IOException {
        GridxFileSink sink = open(Dialect.PSV);
        sink.text("B-19").empty().decimal(new BigDecimal("1.50")).number(7).endRow();
        sink.text("*").text("CPP").endRow();
        WrittenFile file = sink.finish();

        assertThat(Files.readAllLines(file.path())).containsExactly(String.join("|", GridxFileType.EVENT.headers()),
                "B-19||1.50|7", "*|CPP");
        assertThat(file.dataRows()).isEqualTo(2);
        assertThat(file.lineCount()).isEqualTo(3);
    }

    @Test
    void refusesValuesThatWouldNeedQuoting() throws IOException {
        try (GridxFileSink sink = open(Dialect.CSV)) {
            for (String bad : new String[] {"a,b", "a|b", "a\tb", "say \"hi\"", "two\nlines"}) {
                assertThatThrownBy(() -> sink.text(bad)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void writesNonAsciiTextAsUtf8() throws IOException {
        GridxFileSink sink = open(Dialect.CSV);
        sink.text("Zoë Núñez").endRow();
        WrittenFile file = sink.finish();

        assertThat(Files.readAllLines(file.path()).get(1)).isEqualTo("Zoë Núñez");
    }
}
