package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Dialect;

class GenerateMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheFilesAndPrintsNamesRowsAndBytes() throws IOException {
        Path dir = GeneratedFiles.temporaryDirectory("gx-cli");

        int status = run("--out", dir.toString(), "--seed", "5", "--client", "ACME", "--persons", "1", "--days", "3",
                "--start", "2024-11-02", "--dialect", "psv", "--gzip");

        assertThat(status).isZero();
        assertThat(text(out)).contains("Wrote 13 files", "GRIDX_ACME_INTERVAL_20241105060000.psv.gz",
                "GRIDX_ACME_DAILYDIGEST_20241105060000.psv.gz", "Interval rows:");
        try (var listing = Files.list(dir)) {
            assertThat(listing.count()).isEqualTo(13);
        }
    }

    @Test
    void parsesEveryOption() {
        GeneratorConfig config = GenerateMain.parse(new String[] {"--out", "/tmp/x", "--seed", "9", "--client", "PGE",
            "--persons", "50", "--days", "31", "--start", "2023-03-01", "--zone", "America/Denver", "--dialect",
            "tsv", "--interval-minutes", "5", "--timestamp", "20230402010203", "--interval-rows", "1000000"});

        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.client()).isEqualTo("PGE");
        assertThat(config.persons()).isEqualTo(50);
        assertThat(config.days()).isEqualTo(31);
        assertThat(config.startDate()).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(config.zone()).isEqualTo(ZoneId.of("America/Denver"));
        assertThat(config.dialect()).isEqualTo(Dialect.TSV);
        assertThat(config.intervalMinutes()).isEqualTo(5);
        assertThat(config.fileTimestamp()).isEqualTo(LocalDateTime.of(2023, 4, 2, 1, 2, 3));
        assertThat(config.intervalRows()).isEqualTo(1_000_000);
        assertThat(config.gzip()).isFalse();
    }

    @Test
    void sizesAcceptBinarySuffixes() {
        assertThat(GenerateMain.parseSize("10G")).isEqualTo(10L << 30);
        assertThat(GenerateMain.parseSize("500m")).isEqualTo(500L << 20);
        assertThat(GenerateMain.parseSize("64K")).isEqualTo(64L << 10);
        assertThat(GenerateMain.parseSize("123")).isEqualTo(123);
    }

    @Test
    void unknownOptionPrintsUsageAndExitsWith2() {
        assertThat(run("--out", "/tmp/x", "--colour", "blue")).isEqualTo(2);
        assertThat(text(err)).contains("Unknown option --colour", "Usage: GenerateMain");
    }

    @Test
    void missingOutputDirectoryIsAUsageError() {
        assertThat(run("--seed", "1")).isEqualTo(2);
        assertThat(text(err)).contains("--out DIR is required");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("--interval-rows N");
    }

    private int run(String... args) {
        return GenerateMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
