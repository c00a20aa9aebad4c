package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
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

/** The generated files read back through gridx-format's reader and validators, as the ingest service reads them. */
class FormatRoundTripTest {

    /** Reference files first, bills before their details, intervals before registers: the order a CIS sends. */
    private static final List<GridxFileType> INGEST_ORDER = List.of(GridxFileType.CUSTOMER,
            GridxFileType.METERACCOUNTMETER, GridxFileType.CUSTOMERATTRIBUTE, GridxFileType.BILLINGCYCLE,
            GridxFileType.RATEVALUES, GridxFileType.EVENT, GridxFileType.NETWORK, GridxFileType.BILLING,
            GridxFileType.BILLINGDETAIL, GridxFileType.BILLDETERMINANTS, GridxFileType.INTERVAL,
            GridxFileType.REGISTER);

    @Test
    void everyFileParsesBackWithZeroFindings() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        List<Finding> findings = new ArrayList<>();
        List<DigestReconciler.ArrivedFile> arrived = new ArrayList<>();
        Map<GridxFileType, Long> acceptedRows = new TreeMap<>();
        Map<GridxFileType, Long> writtenRows = new TreeMap<>();
        CrossRowValidator cross = new CrossRowValidator(new InMemoryValidationStore());
        ReaderOptions options = ReaderOptions.forClientZone(files.config.zone()).withMd5(true);
        for (GridxFileType type : INGEST_ORDER) {
            try (GridxFileReader reader = GridxFileReader.open(files.path(type), options)) {
                long accepted = 0;
                for (GridxRow row : reader) {
                    findings.addAll(row.findings());
                    findings.addAll(cross.check(row));
                    accepted += row.accepted() ? 1 : 0;
                }
                findings.addAll(reader.fileFindings());
                findings.addAll(cross.finishFile(reader.file()));
                acceptedRows.put(type, accepted);
                writtenRows.put(type, files.report.file(type).dataRows());
                arrived.add(new DigestReconciler.ArrivedFile(reader.fileName(), reader.file(), reader.summary()));
            }
        }
        try (GridxFileReader digest = GridxFileReader.open(files.path(GridxFileType.DAILYDIGEST), options)) {
            List<GridxRow> rows = digest.rows().toList();
            rows.forEach(r -> findings.addAll(r.findings()));
            findings.addAll(DigestReconciler.reconcile(rows, arrived));
        }

        // gridx-format reads a Register row as usage over [Datetime_of_interval, +Interval_frequency); the
        // specification (and CDS meter_readings) define register reads as cumulative odometer values, which is
        // what the generator writes (RegisterConsistencyTest checks their differences against the intervals).
        // Until the two modules agree, that one rule is left out here.
        findings.removeIf(f -> f.ruleId().equals(Rule.XROW_REGISTER_INTERVAL_SUM.id()));
        assertThat(summary(findings)).isEmpty();
        assertThat(acceptedRows).isEqualTo(writtenRows);
    }

    /** Findings per rule with the first example, so a failure reads like a report. */
    private static Map<String, String> summary(List<Finding> findings) {
        return findings.stream().collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(),
                        l -> l.size() + " x, e.g. " + l.get(0))));
    }
}
