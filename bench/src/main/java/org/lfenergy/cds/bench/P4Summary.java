package org.lfenergy.cds.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns ApiLoad's per-run TSV lines into the P4 report tables (median and min–max over runs), the derived figures
 * checked against the targets (gateway overhead, growth at 10× data) and the chart data (p99 per cell).
 *
 * <p>Usage: P4Summary RESULTS.tsv OUT.md CHART.tsv
 */
public final class P4Summary {

    private P4Summary() {
    }

    record Cell(String size, String api, int c, String target) {
    }

    /** Median, min and max of a list of values. */
    record Spread(double median, double min, double max) {
        static Spread of(List<Double> v) {
            double[] a = v.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (a.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            double m = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
            return new Spread(m, a[0], a[a.length - 1]);
        }

        String text(String fmt) {
            if (Double.isNaN(median)) {
                return "— (no successful call)";
            }
            return String.format(fmt, median) + " (" + String.format(fmt, min) + "–" + String.format(fmt, max) + ")";
        }
    }

    public static void main(String[] args) throws Exception {
        Map<Cell, List<double[]>> runs = new LinkedHashMap<>();
        Set<String> sizes = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        long errors = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("#")) {
                notes.add(line.substring(1).trim());
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Cell cell = new Cell(f[0], f[1], Integer.parseInt(f[2]), f[3]);
            sizes.add(f[0]);
            runs.computeIfAbsent(cell, k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[9])});
            errors += Long.parseLong(f[9]);
        }
        StringBuilder md = new StringBuilder();
        StringBuilder chart = new StringBuilder();
        md.append("| call | clients | data | target | p50 ms | p99 ms | calls/s | errors |\n|---|---|---|---|---|---|---|---|\n");
        for (var e : runs.entrySet()) {
            Cell k = e.getKey();
            Spread p50 = Spread.of(col(e.getValue(), 0));
            Spread p99 = Spread.of(col(e.getValue(), 1));
            Spread tput = Spread.of(col(e.getValue(), 2));
            md.append("| ").append(k.api()).append(" | ").append(k.c()).append(" | ").append(k.size()).append(" | ")
                    .append(k.target()).append(" | ").append(p50.text("%.2f")).append(" | ").append(p99.text("%.2f"))
                    .append(" | ").append(tput.text("%.0f")).append(" | ")
                    .append((long) col(e.getValue(), 3).stream().mapToDouble(Double::doubleValue).sum()).append(" |\n");
            chart.append(k.api()).append('\t').append(k.c()).append(" clients\t").append(k.target()).append(' ')
                    .append(k.size()).append('\t').append(p99.median()).append('\t').append(p99.min()).append('\t')
                    .append(p99.max()).append('\n');
        }
        md.append("\nMedian over runs, min–max in brackets. ").append(String.join("; ", notes)).append(".\n");

        md.append("\n**Gateway overhead** (p99 through the gateway minus p99 direct, paired per run):\n\n");
        md.append("| call | clients | data | p99 overhead ms | p50 overhead ms |\n|---|---|---|---|---|\n");
        for (var e : runs.entrySet()) {
            Cell k = e.getKey();
            if (!k.target().equals("gateway")) {
                continue;
            }
            List<double[]> d = runs.get(new Cell(k.size(), k.api(), k.c(), "direct"));
            if (d == null) {
                continue;
            }
            List<Double> o99 = new ArrayList<>();
            List<Double> o50 = new ArrayList<>();
            for (int r = 0; r < Math.min(d.size(), e.getValue().size()); r++) {
                o99.add(e.getValue().get(r)[1] - d.get(r)[1]);
                o50.add(e.getValue().get(r)[0] - d.get(r)[0]);
            }
            md.append("| ").append(k.api()).append(" | ").append(k.c()).append(" | ").append(k.size()).append(" | ")
                    .append(Spread.of(o99).text("%.2f")).append(" | ").append(Spread.of(o50).text("%.2f")).append(" |\n");
        }
        List<String> sz = new ArrayList<>(sizes);
        if (sz.size() >= 2) {
            String small = sz.get(0);
            String big = sz.get(sz.size() - 1);
            md.append("\n**Growth** (median p99 at ").append(big).append(" ÷ median p99 at ").append(small).append("):\n\n");
            md.append("| call | clients | gateway | direct |\n|---|---|---|---|\n");
            for (var e : runs.entrySet()) {
                Cell k = e.getKey();
                if (!k.size().equals(small) || !k.target().equals("gateway")) {
                    continue;
                }
                md.append("| ").append(k.api()).append(" | ").append(k.c()).append(" | ")
                        .append(ratio(runs, k, big, "gateway")).append(" | ").append(ratio(runs, k, big, "direct"))
                        .append(" |\n");
            }
        }
        if (errors > 0) {
            md.append("\n**").append(errors).append(" failed calls** (see bench/out/p4/).\n");
        }
        Files.writeString(Path.of(args[1]), md.toString());
        Files.writeString(Path.of(args[2]), chart.toString());
    }

    private static String ratio(Map<Cell, List<double[]>> runs, Cell k, String big, String target) {
        List<double[]> a = runs.get(new Cell(k.size(), k.api(), k.c(), target));
        List<double[]> b = runs.get(new Cell(big, k.api(), k.c(), target));
        if (a == null || b == null) {
            return "–";
        }
        return String.format("%.2f×", Spread.of(col(b, 1)).median() / Spread.of(col(a, 1)).median());
    }

    private static List<Double> col(List<double[]> rows, int i) {
        return Arrays.asList(rows.stream().map(r -> r[i]).toArray(Double[]::new));
    }
}
