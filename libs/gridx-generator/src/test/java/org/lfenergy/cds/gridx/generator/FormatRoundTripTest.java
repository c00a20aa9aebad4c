package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.gridx.format.validation.CrossRowValidator;
import org.lfenergy.cds.gridx.format.validation.DigestReconciler;
import org.lfenergy.cds.gridx.format.validation.InMemoryValidationStore;
import org.lfenergy.cds.gridx.generator.plan.Scenario;

/** The generated files read back through gridx-format's reader and validators, as the ingest service reads them. */
class FormatRoundTripTest {

    /** Reference files first, bills before their details, intervals before registers: the order a CIS sends. */
    private static final List<GridxFileType> INGEST_ORDER = List.of(GridxFileType.CUSTOMER,
            GridxFileType.METERACCOUNTMETER, GridxFileType.CUSTOMERATTRIBUTE, GridxFileType.BILLINGCYCLE,
            GridxFileType.RATEVALUES, GridxFileType.EVENT, GridxFileType.NETWORK, GridxFileType.BILLING,
            GridxFileType.BILLINGDETAIL, GridxFileType.BILLDETERMINANTS, GridxFileType.INTERVAL,
            GridxFileType.REGISTER);

    @Test
    void everyFileParsesBackWithZeroFindingsAndEveryRowAccepted() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        Map<GridxFileType, Path> paths = new EnumMap<>(GridxFileType.class);
        Map<GridxFileType, Long> written = new TreeMap<>();
        for (WrittenFile f : files.report.files()) {
            paths.put(f.type(), f.path());
            written.put(f.type(), f.dataRows());
        }
        Map<GridxFileType, Long> accepted = new TreeMap<>();

        List<Finding> findings = ingest(paths, files.config.zone(), accepted);

        assertThat(summary(findings)).isEmpty();
        assertThat(accepted).isEqualTo(written);
    }

    @Test
    void aTamperedRegisterReadIsCaughtSoTheCleanRunIsNotVacuous() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        Path copy = GeneratedFiles.temporaryDirectory("gx-tampered");
        Map<GridxFileType, Path> paths = new EnumMap<>(GridxFileType.class);
        for (WrittenFile f : files.report.files()) {
            paths.put(f.type(), Files.copy(f.path(), copy.resolve(f.fileName())));
        }
        Path registers = paths.get(GridxFileType.REGISTER);
        List<String> lines = new ArrayList<>(Files.readAllLines(registers));
        int target = lines.indexOf(lines.stream().filter(l -> l.startsWith("5000003," + Scenario.NEM_METER + ",")
                && l.contains(",20240415,")).findFirst().orElseThrow());
        String[] fields = lines.get(target).split(",");
        fields[2] = new BigDecimal(fields[2]).add(BigDecimal.TEN).toPlainString();
        lines.set(target, String.join(",", fields));
        Files.write(registers, lines);

        List<Finding> findings = ingest(paths, files.config.zone(), new TreeMap<>());

        assertThat(findings).extracting(Finding::ruleId).containsExactlyInAnyOrder(
                Rule.XROW_REGISTER_INTERVAL_SUM.id(), Rule.XROW_REGISTER_INTERVAL_SUM.id(),
                Rule.XFILE_DIGEST_MD5.id());
    }

    /** Reads every file, applies the cross-row checks and reconciles the digest; returns every finding. */
    private static List<Finding> ingest(Map<GridxFileType, Path> paths, ZoneId zone, Map<GridxFileType, Long> accepted)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<DigestReconciler.ArrivedFile> arrived = new ArrayList<>();
        CrossRowValidator cross = new CrossRowValidator(new InMemoryValidationStore());
        ReaderOptions options = ReaderOptions.forClientZone(zone).withMd5(true);
        for (GridxFileType type : INGEST_ORDER) {
            try (GridxFileReader reader = GridxFileReader.open(paths.get(type), options)) {
                long rows = 0;
                for (GridxRow row : reader) {
                    findings.addAll(row.findings());
                    findings.addAll(cross.check(row));
                    rows += row.accepted() ? 1 : 0;
                }
                findings.addAll(reader.fileFindings());
                findings.addAll(cross.finishFile(reader.file()));
                accepted.put(type, rows);
                arrived.add(new DigestReconciler.ArrivedFile(reader.fileName(), reader.file(), reader.summary()));
            }
        }
        try (GridxFileReader digest = GridxFileReader.open(paths.get(GridxFileType.DAILYDIGEST), options)) {
            List<GridxRow> rows = digest.rows().toList();
            rows.forEach(r -> findings.addAll(r.findings()));
            accepted.put(GridxFileType.DAILYDIGEST, rows.stream().filter(GridxRow::accepted).count());
            findings.addAll(DigestReconciler.reconcile(rows, arrived));
        }
        return findings;
    }

    /** Findings per rule with the first example, so a failure reads like a report. */
    private static Map<String, String> summary(List<Finding> findings) {
        return findings.stream().collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(),
                        l -> l.size() + " x, e.g. " + l.get(0))));
    }
}
