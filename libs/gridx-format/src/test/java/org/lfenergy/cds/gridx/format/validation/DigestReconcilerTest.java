package org.lfenergy.cds.gridx.format.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReadSummary;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;

class DigestReconcilerTest {

    private static final String DIGEST = "GRIDX_ACME_DAILYDIGEST_20240102230000.csv";
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private static List<GridxRow> digest(String... rows) {
        return ValidatedFiles.read(DIGEST, "File_name,Line_count,MD5\n" + String.join("\n", rows) + "\n",
                ReaderOptions.defaults());
    }

    private static DigestReconciler.ArrivedFile arrived(String name, long records, long physical, String md5) {
        return new DigestReconciler.ArrivedFile(GridxFileName.parse(name), name,
                new ReadSummary(physical, records - 1, records - 1, 0, true, false, md5));
    }

    @Test
    void acceptsDigestMatchingArrivedFilesWithTransferSuffix() {
        List<Finding> findings = DigestReconciler.reconcile(
                digest("GRIDX_ACME_CUSTOMER_20240102030405.csv,3," + MD5, "GRIDX_ACME_BILLING_20240102030405,1,"),
                List.of(arrived("GRIDX_ACME_CUSTOMER_20240102030405_20240102040000.csv", 3, 3, MD5.toUpperCase()),
                        arrived("GRIDX_ACME_BILLING_20240102030405.psv.gz", 1, 1, null)));
        assertThat(findings).isEmpty();
    }

    @Test
    void acceptsPhysicalLineCountWhenQuotedFieldsSpanLines() {
        List<Finding> findings = DigestReconciler.reconcile(digest("GRIDX_ACME_CUSTOMER_20240102030405.csv,5,"),
                List.of(arrived("GRIDX_ACME_CUSTOMER_20240102030405.csv", 3, 5, null)));
        assertThat(findings).isEmpty();
    }

    @Test
    void warnsWhenListedFileIsMissing() {
        List<Finding> findings = DigestReconciler.reconcile(
                digest("GRIDX_ACME_CUSTOMER_20240102030405.csv,3,", "GRIDX_ACME_INTERVAL_20240102030405.csv,9,"),
                List.of(arrived("GRIDX_ACME_CUSTOMER_20240102030405.csv", 3, 3, null)));
        assertThat(findings).extracting(Finding::ruleId, Finding::file, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XFILE-DIGEST-MISSING", DIGEST, 3L, "File_name",
                        "GRIDX_ACME_INTERVAL_20240102030405.csv"));
    }

    @Test
    void warnsOnLineCountMismatch() {
        List<Finding> findings = DigestReconciler.reconcile(digest("GRIDX_ACME_CUSTOMER_20240102030405.csv,4,"),
                List.of(arrived("GRIDX_ACME_CUSTOMER_20240102030405.csv", 3, 3, null)));
        assertThat(findings).extracting(Finding::ruleId, Finding::file, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XFILE-DIGEST-LINE-COUNT", "GRIDX_ACME_CUSTOMER_20240102030405.csv",
                        "Line_count", "4"));
    }

    @Test
    void warnsOnMd5Mismatch() {
        List<Finding> findings = DigestReconciler.reconcile(digest("GRIDX_ACME_CUSTOMER_20240102030405.csv,3," + MD5),
                List.of(arrived("GRIDX_ACME_CUSTOMER_20240102030405.csv", 3, 3, "ffffffffffffffffffffffffffffffff")));
        assertThat(findings).extracting(Finding::ruleId).containsExactly("GX-XFILE-DIGEST-MD5");
    }
}
