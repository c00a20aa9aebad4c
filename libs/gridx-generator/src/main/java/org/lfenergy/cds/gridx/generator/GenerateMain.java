package org.lfenergy.cds.gridx.generator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.lfenergy.cds.gridx.format.Dialect;

/** Command line: writes a GridX file set and prints what it wrote. */
public final class GenerateMain {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: GenerateMain --out DIR [options]",
            "  --out DIR             output directory (created if missing)",
            "  --seed N              random seed (default " + GeneratorConfig.DEFAULT_SEED + ")",
            "  --client CODE         client code in the file names (default " + GeneratorConfig.DEFAULT_CLIENT + ")",
            "  --persons N           random customers added to the 7 scenario customers (default "
                    + GeneratorConfig.DEFAULT_PERSONS + ")",
            "  --days N              days of data (default " + GeneratorConfig.DEFAULT_DAYS + ")",
            "  --start yyyy-MM-dd    first day of data (default " + GeneratorConfig.DEFAULT_START + ")",
            "  --zone ZONE           utility time zone (default " + GeneratorConfig.DEFAULT_ZONE + ")",
            "  --interval-minutes N  electric interval length, a divisor of 60 (default "
                    + GeneratorConfig.DEFAULT_INTERVAL_MINUTES + ")",
            "  --dialect csv|psv|tsv file dialect (default csv)",
            "  --gzip                write .gz files",
            "  --timestamp yyyyMMddHHmmss  timestamp in the file names (default: the day after the data, 06:00)",
            "  --interval-rows N     make the Interval file exactly N data rows (adds earlier history)",
            "  --interval-bytes SIZE grow the Interval file to SIZE uncompressed bytes, e.g. 500M or 10G");

    private GenerateMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the process exit status (0 ok, 1 failed, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        GeneratorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (config == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            GenerationReport report = new GridxDataSetGenerator(config).generate();
            print(report, config, out);
            return 0;
        } catch (Exception e) {
            err.println("Generation failed: " + e.getMessage());
            return 1;
        }
    }

    /** The config for the arguments, or null when help was asked for. */
    static GeneratorConfig parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean gzip = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.equals("--gzip")) {
                gzip = true;
            } else if (arg.startsWith("--")) {
                options.put(arg, value(args, ++i, arg));
            } else {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
        }
        String out = options.remove("--out");
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        GeneratorConfig.Builder builder = GeneratorConfig.builder(Path.of(out)).gzip(gzip);
        options.forEach((option, v) -> apply(builder, option, v));
        return builder.build();
    }

    private static void apply(GeneratorConfig.Builder b, String option, String v) {
        switch (option) {
            case "--seed" -> b.seed(Long.parseLong(v));
            case "--client" -> b.client(v);
            case "--persons" -> b.persons(Integer.parseInt(v));
            case "--days" -> b.days(Integer.parseInt(v));
            case "--start" -> b.startDate(LocalDate.parse(v));
            case "--zone" -> b.zone(ZoneId.of(v));
            case "--interval-minutes" -> b.intervalMinutes(Integer.parseInt(v));
            case "--dialect" -> b.dialect(Dialect.fromExtension(v));
            case "--timestamp" -> b.fileTimestamp(LocalDateTime.parse(v, TIMESTAMP));
            case "--interval-rows" -> b.intervalRows(Long.parseLong(v));
            case "--interval-bytes" -> b.intervalBytes(parseSize(v));
            default -> throw new IllegalArgumentException("Unknown option " + option);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Bytes from {@code 123}, {@code 500K}, {@code 500M} or {@code 10G} (binary multiples). */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a size: " + text);
        }
    }

    private static void print(GenerationReport report, GeneratorConfig config, PrintStream out) {
        out.printf(Locale.ROOT, "Wrote %d files to %s in %.1f s%n", report.files().size(),
                config.outputDirectory().toAbsolutePath(), report.elapsed().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "%-52s %14s %16s%n", "file", "rows", "bytes");
        long totalBytes = 0;
        for (WrittenFile f : report.files()) {
            out.printf(Locale.ROOT, "%-52s %,14d %,16d%n", f.fileName(), f.dataRows(), f.bytes());
            totalBytes += f.bytes();
        }
        out.printf(Locale.ROOT, "%-52s %14s %,16d%n", "total", "", totalBytes);
        out.printf(Locale.ROOT, "Interval rows: %,d (%,.0f rows/s over the whole run)%n", report.intervalRows(),
                report.intervalRowsPerSecond());
    }
}
