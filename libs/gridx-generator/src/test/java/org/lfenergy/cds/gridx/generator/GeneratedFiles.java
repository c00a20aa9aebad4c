package org.lfenergy.cds.gridx.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A generated file set read back with plain string splitting (independent of the gridx-format reader), plus one
 * shared default data set so the test classes do not each generate a year of intervals.
 */
final class GeneratedFiles {

    /** Random customers in the shared data set: few, to keep the tests quick; the scenario is what they check. */
    static final int SHARED_PERSONS = 3;

    private static GeneratedFiles shared;

    final GeneratorConfig config;
    final GenerationReport report;

    GeneratedFiles(GeneratorConfig config, GenerationReport report) {
        this.config = config;
        this.report = report;
    }

    /** The default configuration (2024, America/Los_Angeles, 15 minutes, csv), generated once per test run. */
    static synchronized GeneratedFiles shared() throws IOException {
        if (shared == null) {
            Path dir = temporaryDirectory("gridx-shared");
            shared = generate(GeneratorConfig.builder(dir).persons(SHARED_PERSONS).build());
        }
        return shared;
    }

    static GeneratedFiles generate(GeneratorConfig config) throws IOException {
        return new GeneratedFiles(config, new GridxDataSetGenerator(config).generate());
    }

    /** A directory deleted when the test JVM exits. */
    static Path temporaryDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return dir;
    }

    Path path(GridxFileType type) {
        return report.file(type).path();
    }

    /** Every data row of a (small) file. */
    List<Row> rows(GridxFileType type) {
        List<Row> rows = new ArrayList<>();
        forEach(type, rows::add);
        return rows;
    }

    /** Streams the data rows of a file (large files included). */
    void forEach(GridxFileType type, Consumer<Row> action) {
        char delimiter = config.dialect().delimiter();
        Pattern split = Pattern.compile(Pattern.quote(String.valueOf(delimiter)));
        try (BufferedReader reader = open(path(type))) {
            String[] header = split.split(reader.readLine(), -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                action.accept(new Row(columns, split.split(line, -1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedReader open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (path.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
