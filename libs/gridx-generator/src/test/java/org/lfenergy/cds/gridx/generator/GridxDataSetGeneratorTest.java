package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Dialect;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileType;

class GridxDataSetGeneratorTest {

    /** A small config: three weeks of March 2024 (spring-forward included), two random customers. */
    private static GeneratorConfig.Builder small(Path dir) {
        return GeneratorConfig.builder(dir).startDate(LocalDate.of(2024, 3, 1)).days(21).persons(2);
    }

    @Test
    void sameSeedAndConfigGiveByteIdenticalFiles() throws IOException {
        GenerationReport first = generate(small(GeneratedFiles.temporaryDirectory("gx-a")).build());
        GenerationReport second = generate(small(GeneratedFiles.temporaryDirectory("gx-b")).build());

        assertThat(md5ByName(second)).isEqualTo(md5ByName(first));
        for (WrittenFile f : first.files()) {
            assertThat(md5(f.path())).as(f.fileName()).isEqualTo(f.md5());
        }
    }

    @Test
    void anotherSeedChangesTheMeteredValuesButNotTheCustomers() throws IOException {
        GenerationReport base = generate(small(GeneratedFiles.temporaryDirectory("gx-s1")).build());
        GenerationReport other = generate(small(GeneratedFiles.temporaryDirectory("gx-s2")).seed(7).build());

        assertThat(other.file(GridxFileType.INTERVAL).md5()).isNotEqualTo(base.file(GridxFileType.INTERVAL).md5());
        // Header plus the scenario's eight contracts come first and do not depend on the seed.
        List<String> scenarioRows = Files.readAllLines(base.file(GridxFileType.CUSTOMER).path()).subList(0, 9);
        assertThat(Files.readAllLines(other.file(GridxFileType.CUSTOMER).path())).startsWith(
                scenarioRows.toArray(String[]::new));
        assertThat(Files.readAllLines(other.file(GridxFileType.METERACCOUNTMETER).path()).get(1))
                .isEqualTo(Files.readAllLines(base.file(GridxFileType.METERACCOUNTMETER).path()).get(1));
    }

    @Test
    void writesOneFilePerTypeAndTheDailyDigestLast() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();

        assertThat(files.report.files()).extracting(WrittenFile::type)
                .containsExactlyInAnyOrder(GridxFileType.values());
        assertThat(files.report.files().get(files.report.files().size() - 1).type())
                .isEqualTo(GridxFileType.DAILYDIGEST);
        for (WrittenFile f : files.report.files()) {
            GridxFileName name = GridxFileName.parse(f.fileName());
            assertThat(name).isEqualTo(GridxFileName.of("DEMO", f.type(), LocalDateTime.of(2025, 1, 1, 6, 0),
                    Dialect.CSV, false));
            assertThat(Files.size(f.path())).isEqualTo(f.bytes());
        }
    }

    @Test
    void everyFileStartsWithTheCanonicalHeader() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        for (WrittenFile f : files.report.files()) {
            try (BufferedReader reader = GeneratedFiles.open(f.path())) {
                assertThat(reader.readLine()).as(f.fileName()).isEqualTo(String.join(",", f.type().headers()));
            }
        }
    }

    @Test
    void dailyDigestListsEveryOtherFileWithItsLineCountAndMd5() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        List<Row> digest = files.rows(GridxFileType.DAILYDIGEST);

        assertThat(digest).hasSize(GridxFileType.values().length - 1);
        for (Row entry : digest) {
            Path file = files.path(GridxFileName.parse(entry.get("File_name")).type());
            long lines;
            try (BufferedReader reader = GeneratedFiles.open(file)) {
                lines = reader.lines().count();
            }
            assertThat(Long.parseLong(entry.get("Line_count"))).as(entry.get("File_name")).isEqualTo(lines);
            assertThat(entry.get("MD5")).as(entry.get("File_name")).isEqualTo(md5(file));
        }
    }

    @Test
    void pipeDialectWithGzipCarriesTheSameRowsAsCsv() throws IOException {
        GenerationReport csv = generate(small(GeneratedFiles.temporaryDirectory("gx-csv")).build());
        GenerationReport psv = generate(small(GeneratedFiles.temporaryDirectory("gx-psv")).dialect(Dialect.PSV)
                .gzip(true).build());

        for (WrittenFile f : psv.files()) {
            assertThat(f.fileName()).endsWith(".psv.gz");
            if (f.type() == GridxFileType.DAILYDIGEST) {
                continue; // lists different names and hashes
            }
            List<String> asCsv;
            try (BufferedReader reader = GeneratedFiles.open(f.path())) {
                asCsv = reader.lines().map(l -> l.replace('|', ',')).toList();
            }
            assertThat(asCsv).as(f.fileName()).isEqualTo(Files.readAllLines(csv.file(f.type()).path()));
        }
        assertThat(md5(psv.file(GridxFileType.INTERVAL).path())).isEqualTo(psv.file(GridxFileType.INTERVAL).md5());
    }

    @Test
    void tabDialectSeparatesFieldsWithTabs() throws IOException {
        GenerationReport tsv = generate(small(GeneratedFiles.temporaryDirectory("gx-tsv")).dialect(Dialect.TSV)
                .build());

        String header = Files.readAllLines(tsv.file(GridxFileType.CUSTOMER).path()).get(0);
        assertThat(header).isEqualTo(String.join("\t", GridxFileType.CUSTOMER.headers()));
        assertThat(tsv.file(GridxFileType.CUSTOMER).fileName()).endsWith(".tsv");
    }

    private static GenerationReport generate(GeneratorConfig config) throws IOException {
        return new GridxDataSetGenerator(config).generate();
    }

    private static Map<String, String> md5ByName(GenerationReport report) {
        return report.files().stream().collect(Collectors.toMap(WrittenFile::fileName, WrittenFile::md5));
    }

    static String md5(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
