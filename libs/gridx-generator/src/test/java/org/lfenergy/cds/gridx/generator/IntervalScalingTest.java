package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.GridxFileType;

/** Benchmarks ask for an Interval file of a given size; only that file grows, with earlier history. */
class IntervalScalingTest {

    private static GeneratorConfig.Builder tenDays(Path dir) {
        return GeneratorConfig.builder(dir).startDate(LocalDate.of(2024, 11, 1)).days(10).persons(5);
    }

    @Test
    void intervalRowsTargetIsMetExactly() throws IOException {
        long target = 1_234_567;
        GenerationReport report = new GridxDataSetGenerator(
                tenDays(GeneratedFiles.temporaryDirectory("gx-rows")).intervalRows(target).build()).generate();

        assertThat(report.intervalRows()).isEqualTo(target);
        assertThat(report.file(GridxFileType.INTERVAL).lineCount()).isEqualTo(target + 1);
        try (BufferedReader reader = GeneratedFiles.open(report.file(GridxFileType.INTERVAL).path())) {
            assertThat(reader.lines().count()).isEqualTo(target + 1);
        }
    }

    @Test
    void scalingChangesOnlyTheIntervalFile() throws IOException {
        GenerationReport plain = new GridxDataSetGenerator(
                tenDays(GeneratedFiles.temporaryDirectory("gx-plain")).build()).generate();
        GenerationReport scaled = new GridxDataSetGenerator(
                tenDays(GeneratedFiles.temporaryDirectory("gx-scaled")).intervalRows(plain.intervalRows() + 5000)
                        .build()).generate();

        for (WrittenFile f : plain.files()) {
            if (f.type() != GridxFileType.INTERVAL && f.type() != GridxFileType.DAILYDIGEST) {
                assertThat(scaled.file(f.type()).md5()).as(f.fileName()).isEqualTo(f.md5());
            }
        }
        assertThat(scaled.intervalRows()).isEqualTo(plain.intervalRows() + 5000);
    }

    @Test
    void historyRowsGoBackInTimeBeforeTheWindow() throws IOException {
        GeneratedFiles files = GeneratedFiles.generate(
                tenDays(GeneratedFiles.temporaryDirectory("gx-history")).intervalRows(400_000).build());
        String[] earliest = {"99999999"};
        files.forEach(GridxFileType.INTERVAL, r -> {
            if (r.get("Date_of_interval").compareTo(earliest[0]) < 0) {
                earliest[0] = r.get("Date_of_interval");
            }
        });

        assertThat(earliest[0]).isLessThan("20241101");
    }

    @Test
    void intervalBytesTargetIsReachedWithinOneRow() throws IOException {
        long target = 50L << 20;
        GenerationReport report = new GridxDataSetGenerator(
                tenDays(GeneratedFiles.temporaryDirectory("gx-bytes")).intervalBytes(target).build()).generate();

        long bytes = report.file(GridxFileType.INTERVAL).bytes();
        assertThat(bytes).isBetween(target, target + 200);
    }

    @Test
    void rowTargetBelowWhatTheDataSetItselfNeedsIsRejected() throws IOException {
        GeneratorConfig config = tenDays(GeneratedFiles.temporaryDirectory("gx-small")).intervalRows(1000).build();

        assertThatThrownBy(() -> new GridxDataSetGenerator(config).generate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower --persons or --days");
    }

    @Test
    void rowTargetBeyondTheMetersHistoryIsRejectedBeforeWriting() throws IOException {
        GeneratorConfig config = tenDays(GeneratedFiles.temporaryDirectory("gx-huge")).persons(0)
                .intervalRows(10_000_000_000L).build();

        assertThatThrownBy(() -> new GridxDataSetGenerator(config).generate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raise --persons");
    }
}
