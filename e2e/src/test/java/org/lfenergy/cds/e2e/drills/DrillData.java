package org.lfenergy.cds.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.lfenergy.cds.e2e.support.GeneratedRecords;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.GridxDataSetGenerator;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * One drill's source files (libs/gridx-generator, under a client code of its own) and every source row read back
 * with libs/gridx-format: what the read models must hold, row by row, once the drill is over.
 */
final class DrillData {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** The first local day of every generated data set. */
    static final LocalDate START = LocalDate.of(2024, 3, 1);

    final String client;
    final GenerationReport report;
    /** CUSTOMER rows by Contract_ID. */
    final Map<String, CustomerRecord> customers = new LinkedHashMap<>();
    /** BILLING rows by Bill_ID + "|" + Is_cancellation. */
    final Map<String, BillingRecord> bills = new LinkedHashMap<>();
    /** Interval values per meter account + "|" + channel, in time order. */
    final Map<String, TreeMap<Instant, BigDecimal>> intervals = new LinkedHashMap<>();
    long intervalRows;

    private DrillData(String client, GenerationReport report) {
        this.client = client;
        this.report = report;
    }

    /** Generates {@code persons} customers over {@code days} days (15-minute intervals) under a fresh client code. */
    static DrillData generate(Path dir, String prefix, int persons, int days) {
        return generateFor(dir, prefix + ThreadLocalRandom.current().nextInt(10_000, 99_999), persons, days);
    }

    /** The same under a given client code (the load drill's data is the client code the stack's gateway serves). */
    static DrillData generateFor(Path dir, String client, int persons, int days) {
        return generateFor(dir, client, persons, days, START);
    }

    /** The same from a given first local day. */
    static DrillData generateFor(Path dir, String client, int persons, int days, LocalDate start) {
        try {
            GenerationReport report = new GridxDataSetGenerator(GeneratorConfig.builder(dir.resolve(client))
                    .client(client).persons(persons).startDate(start).days(days).zone(ZONE).build())
                    .generate();
            DrillData data = new DrillData(client, report);
            GeneratedRecords.forEach(report, ZONE, data::collect);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(Object record) {
        if (record instanceof CustomerRecord r) {
            customers.put(r.contractId(), r);
        } else if (record instanceof BillingRecord r) {
            bills.put(r.billId() + "|" + r.isCancellation(), r);
        } else if (record instanceof IntervalRecord r) {
            intervals.computeIfAbsent(r.meterAccountId() + "|" + r.channel(), k -> new TreeMap<>())
                    .put(r.datetimeOfInterval().toInstant(), r.usageValue());
            intervalRows++;
        }
    }

    /**
     * The Interval file cut in two by local day, as two nightly extracts would carry it: the rows of the days before
     * {@code firstOfSecond}, then the rest, each a file of its own (the first named an hour earlier). Rows keep their
     * order, so each file's rows stay grouped by meter. Together they hold exactly the rows of the original file.
     */
    List<WrittenFile> intervalsSplitAt(LocalDate firstOfSecond) {
        WrittenFile whole = file(GridxFileType.INTERVAL);
        String[] name = whole.fileName().split("_", 4); // GRIDX, client, INTERVAL, yyyyMMddHHmmss.csv
        java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        String earlier = java.time.LocalDateTime.parse(name[3].substring(0, 14), stamp).minusHours(1).format(stamp);
        String firstName = name[0] + "_" + name[1] + "_" + name[2] + "_" + earlier + name[3].substring(14);
        String day = firstOfSecond.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        try {
            List<String> lines = java.nio.file.Files.readAllLines(whole.path(), java.nio.charset.StandardCharsets.UTF_8);
            String header = lines.get(0);
            List<String> columns = List.of(header.split(",", -1));
            int dateColumn = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).trim().equalsIgnoreCase("Date_of_interval")) {
                    dateColumn = i;
                }
            }
            if (dateColumn < 0) {
                throw new IllegalStateException("no Date_of_interval column in " + header);
            }
            List<String> first = new ArrayList<>(List.of(header));
            List<String> second = new ArrayList<>(List.of(header));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                (line.split(",", -1)[dateColumn].compareTo(day) < 0 ? first : second).add(line);
            }
            return List.of(write(whole, whole.path().resolveSibling(firstName), first),
                    write(whole, whole.path().resolveSibling("measured").resolve(whole.fileName()), second));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WrittenFile write(WrittenFile like, Path path, List<String> lines) throws IOException {
        java.nio.file.Files.createDirectories(path.getParent());
        java.nio.file.Files.write(path, lines, java.nio.charset.StandardCharsets.UTF_8);
        return new WrittenFile(like.type(), path.getFileName().toString(), path, lines.size() - 1L, lines.size(),
                java.nio.file.Files.size(path), null);
    }

    WrittenFile file(GridxFileType type) {
        return report.file(type);
    }

    /** Every file except the daily digest, the digest first when {@code digestFirst}. */
    List<WrittenFile> files(boolean digestFirst) {
        List<WrittenFile> out = new ArrayList<>();
        if (digestFirst) {
            out.add(file(GridxFileType.DAILYDIGEST));
        }
        report.files().stream().filter(f -> f.type() != GridxFileType.DAILYDIGEST).forEach(out::add);
        return out;
    }
}
