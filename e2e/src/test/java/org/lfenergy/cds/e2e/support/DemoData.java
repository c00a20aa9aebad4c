package org.lfenergy.cds.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.GridxDataSetGenerator;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * The generated demo data set of this run (libs/gridx-generator, small: the seven scenario customers plus one random
 * one, the last two months with a DST day when there is one) and what the CDS APIs must show for it, computed independently of the
 * services: the files are parsed back with libs/gridx-format and the documented mapping rules (docs/*-mapping.md)
 * are applied to the source values; CDS ids are derived with {@link CdsIds} and this run's key.
 */
public final class DemoData {

    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    public static final int DAYS = 62;
    /**
     * The window ends two days before today: the scopes' default windows count back from now (bill sections and
     * statements one year, usage 13 months), so recent data is what a consent with default settings shows.
     */
    public static final LocalDate START = LocalDate.now(ZONE).minusDays(DAYS + 2);
    /** A DST change day inside the window (92 or 100 quarter-hours) if there is one, else an ordinary day. */
    public static final LocalDate CHECK_DAY = checkDay();

    private final String client;
    private final GenerationReport report;
    private final CdsIds ids;
    public final List<CustomerRecord> customers = new ArrayList<>();
    public final List<BillingRecord> bills = new ArrayList<>();
    public final List<MeterAccountMeterRecord> meterInstalls = new ArrayList<>();
    /** Interval values per (meter account, channel, local day), in time order. */
    public final Map<String, TreeMap<Instant, BigDecimal>> intervals = new LinkedHashMap<>();

    private DemoData(String client, GenerationReport report, CdsIds ids) {
        this.client = client;
        this.report = report;
        this.ids = ids;
    }

    /** Writes the data set under {@code client} and reads every file back. */
    static DemoData generate(Path dir, String client, String idsKey) {
        try {
            GenerationReport report = new GridxDataSetGenerator(GeneratorConfig.builder(dir).client(client).persons(1)
                    .startDate(START).days(DAYS).zone(ZONE).build()).generate();
            DemoData data = new DemoData(client, report, new CdsIds(idsKey.getBytes(StandardCharsets.UTF_8)));
            GeneratedRecords.forEach(report, ZONE, data::collect);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(Object record) {
        if (record instanceof CustomerRecord r) {
            customers.add(r);
        } else if (record instanceof BillingRecord r) {
            bills.add(r);
        } else if (record instanceof MeterAccountMeterRecord r) {
            meterInstalls.add(r);
        } else if (record instanceof IntervalRecord r) {
            LocalDate day = r.datetimeOfInterval().withZoneSameInstant(ZONE).toLocalDate();
            intervals.computeIfAbsent(seriesDay(r.meterAccountId(), r.channel(), day), k -> new TreeMap<>())
                    .put(r.datetimeOfInterval().toInstant(), r.usageValue());
        }
    }

    private static LocalDate checkDay() {
        var transition = ZONE.getRules().nextTransition(START.plusDays(1).atStartOfDay(ZONE).toInstant());
        LocalDate day = transition.getInstant().atZone(ZONE).toLocalDate();
        return day.isBefore(START.plusDays(DAYS - 1)) ? day : START.plusDays(20);
    }

    static String seriesDay(String meterAccount, String channel, LocalDate day) {
        return meterAccount + "|" + channel + "|" + day;
    }

    /**
     * Uploads every file to ingest-service over HTTP as a utility would (the daily digest first) and waits on its
     * status API until each one is {@code COMPLETED}.
     */
    void deliver(String ingestUrl) {
        HttpClient http = HttpClient.newHttpClient();
        List<WrittenFile> order = new ArrayList<>();
        order.add(report.file(GridxFileType.DAILYDIGEST));
        report.files().stream().filter(f -> f.type() != GridxFileType.DAILYDIGEST).forEach(order::add);
        Map<String, String> fileIds = new LinkedHashMap<>();
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        try {
            for (WrittenFile file : order) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/files/"
                                + file.fileName())).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file.path())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("upload %s: %s", file.fileName(), r.body()).isEqualTo(202);
                Matcher m = id.matcher(r.body());
                assertThat(m.find()).as(r.body()).isTrue();
                fileIds.put(file.fileName(), m.group(1));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            Pattern status = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
            for (var e : fileIds.entrySet()) {
                while (true) {
                    String body = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/files/" + e.getValue()))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = status.matcher(body);
                    String s = m.find() ? m.group(1) : "?";
                    if (!s.equals("RECEIVED") && !s.equals("PROCESSING")) {
                        assertThat(s).as("%s: %s", e.getKey(), body).isEqualTo("COMPLETED");
                        break;
                    }
                    assertThat(System.nanoTime()).as("%s still %s", e.getKey(), s).isLessThan(deadline);
                    E2eStack.sleep(300);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the set

    public String client() {
        return client;
    }

    public GenerationReport report() {
        return report;
    }

    public List<CustomerRecord> customerRows(String person) {
        return customers.stream().filter(c -> c.personId().equals(person)).toList();
    }

    public Set<String> entities(String person) {
        Set<String> out = new LinkedHashSet<>();
        customerRows(person).forEach(c -> out.add(c.entityId()));
        return out;
    }

    public Set<String> contracts(String person) {
        Set<String> out = new LinkedHashSet<>();
        customerRows(person).forEach(c -> out.add(c.contractId()));
        return out;
    }

    /** ServicePoint_ID, else MeterAccount_ID (docs/usage-mapping.md §2). */
    public Set<String> servicePoints(String person) {
        Set<String> out = new LinkedHashSet<>();
        customerRows(person).forEach(c -> out.add(c.servicePointId() != null ? c.servicePointId() : c.meterAccountId()));
        return out;
    }

    public Set<String> meterAccounts(String person) {
        Set<String> out = new LinkedHashSet<>();
        customerRows(person).forEach(c -> out.add(c.meterAccountId()));
        return out;
    }

    /** Meters ever installed at the person's meter accounts (METERACCOUNTMETER). */
    public Set<String> meters(String person) {
        Set<String> accounts = meterAccounts(person);
        Set<String> out = new LinkedHashSet<>();
        meterInstalls.stream().filter(m -> accounts.contains(m.meteraccountId())).forEach(m -> out.add(m.meterId()));
        return out;
    }

    /** The person's bills (one Bill Section per Bill_ID), without the cancellation repeats. */
    public List<BillingRecord> bills(String person) {
        Set<String> contracts = contracts(person);
        return bills.stream().filter(b -> contracts.contains(b.contractId()) && !b.isCancellation()).toList();
    }

    /** Bill statements: one per (Entity_ID, Bill_year-Bill_month) of the person's bills. */
    public Set<String> statementIds(String person) {
        Map<String, String> entityOfContract = new LinkedHashMap<>();
        customerRows(person).forEach(c -> entityOfContract.put(c.contractId(), c.entityId()));
        Set<String> out = new LinkedHashSet<>();
        for (BillingRecord b : bills(person)) {
            out.add(ids.compositeId(CdsIdKind.BILL_STATEMENT, client, entityOfContract.get(b.contractId()),
                    String.format("%04d-%02d", b.billYear(), b.billMonth())));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ CDS ids

    public String id(CdsIdKind kind, String sourceId) {
        return ids.id(kind, client, sourceId);
    }

    public Set<String> ids(CdsIdKind kind, Set<String> sourceIds) {
        Set<String> out = new LinkedHashSet<>();
        sourceIds.forEach(s -> out.add(id(kind, s)));
        return out;
    }
}
