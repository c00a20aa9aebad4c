package org.lfenergy.cds.gridx.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GridxFileNameTest {

    private static final LocalDateTime TS = LocalDateTime.of(2024, 1, 2, 3, 4, 5);

    @Test
    void parsesPlainName() {
        GridxFileName n = GridxFileName.parse("GRIDX_ACME_METERACCOUNTMETER_20240102030405.csv");
        assertThat(n.client()).isEqualTo("ACME");
        assertThat(n.type()).isEqualTo(GridxFileType.METERACCOUNTMETER);
        assertThat(n.timestamp()).isEqualTo(TS);
        assertThat(n.suffix()).isEmpty();
        assertThat(n.dialect()).isEqualTo(Dialect.CSV);
        assertThat(n.gzip()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "GRIDX_ACME_INTERVAL_20240102030405_20240102100000.psv.gz, ACME, INTERVAL, _20240102100000, PSV, true",
            "GRIDX_ACME_BILLING_20240102030405.1.tsv, ACME, BILLING, .1, TSV, false",
            "GRIDX_ACME_BILLINGDETAIL_20240102030405-7_12.csv, ACME, BILLINGDETAIL, -7_12, CSV, false",
            "gridx_acme_billingcycle_20240102030405.CSV.GZ, acme, BILLINGCYCLE, '', CSV, true",
            "GRIDX_PG_E_CUSTOMER_20240102030405.csv, PG_E, CUSTOMER, '', CSV, false",
            "GRIDX_X_BILLING_CUSTOMER_20240102030405.csv, X_BILLING, CUSTOMER, '', CSV, false",
            "/inbox/acme/GRIDX_ACME_EVENT_20240102030405.csv, ACME, EVENT, '', CSV, false"})
    void parsesTransferSuffixesCompressionAndClientsWithUnderscores(String name, String client, GridxFileType type,
                                                                    String suffix, Dialect dialect, boolean gzip) {
        GridxFileName n = GridxFileName.parse(name);
        assertThat(n.client()).isEqualTo(client);
        assertThat(n.type()).isEqualTo(type);
        assertThat(n.suffix()).isEqualTo(suffix);
        assertThat(n.dialect()).isEqualTo(dialect);
        assertThat(n.gzip()).isEqualTo(gzip);
        assertThat(n.timestamp()).isEqualTo(TS);
    }

    @Test
    void roundTripsThroughToFileName() {
        for (GridxFileType type : GridxFileType.values()) {
            for (Dialect d : Dialect.values()) {
                GridxFileName n = GridxFileName.of("ACME", type, TS, d, type.ordinal() % 2 == 0);
                assertThat(GridxFileName.parse(n.toFileName())).isEqualTo(n);
            }
        }
        GridxFileName withSuffix = new GridxFileName("ACME", GridxFileType.INTERVAL, TS, "_99", Dialect.PSV, true);
        assertThat(withSuffix.toFileName()).isEqualTo("GRIDX_ACME_INTERVAL_20240102030405_99.psv.gz");
        assertThat(GridxFileName.parse(withSuffix.toFileName())).isEqualTo(withSuffix);
    }

    @Test
    void ofBuildsNameWithoutSuffix() {
        assertThat(GridxFileName.of("ACME", GridxFileType.RATEVALUES, TS, Dialect.TSV, false).toFileName())
                .isEqualTo("GRIDX_ACME_RATEVALUES_20240102030405.tsv");
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("", "GX-FILE-NAME-PREFIX"),
                Arguments.of("ACME_INTERVAL_20240102030405.csv", "GX-FILE-NAME-PREFIX"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405.txt", "GX-FILE-NAME-EXTENSION"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405", "GX-FILE-NAME-EXTENSION"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405.gz", "GX-FILE-NAME-EXTENSION"),
                Arguments.of("GRIDX_ACME_INTERVALS_20240102030405.csv", "GX-FILE-NAME-TYPE"),
                Arguments.of("GRIDX_ACME_20240102030405.csv", "GX-FILE-NAME-TYPE"),
                Arguments.of("GRIDX_INTERVAL_20240102030405.csv", "GX-FILE-NAME-CLIENT"),
                Arguments.of("GRIDX_AC.ME_INTERVAL_20240102030405.csv", "GX-FILE-NAME-CLIENT"),
                Arguments.of("GRIDX_ACME_INTERVAL_2024010203040.csv", "GX-FILE-NAME-TIMESTAMP"),
                Arguments.of("GRIDX_ACME_INTERVAL_20241302030405.csv", "GX-FILE-NAME-TIMESTAMP"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240230030405.csv", "GX-FILE-NAME-TIMESTAMP"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102250405.csv", "GX-FILE-NAME-TIMESTAMP"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405_final.csv", "GX-FILE-NAME-SUFFIX"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405123.csv", "GX-FILE-NAME-SUFFIX"),
                Arguments.of("GRIDX_ACME_INTERVAL_20240102030405_.csv", "GX-FILE-NAME-SUFFIX"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badNames")
    void rejectsBadNameWithRuleId(String name, String ruleId) {
        assertThatThrownBy(() -> GridxFileName.parse(name))
                .isInstanceOfSatisfying(GridxFileNameException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo(ruleId);
                    assertThat(e.fileName()).isEqualTo(name);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void matchesDigestEntriesWithOrWithoutSuffixAndExtension() {
        GridxFileName arrived = GridxFileName.parse("GRIDX_ACME_INTERVAL_20240102030405_20240102100000.csv.gz");
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405")).isTrue();
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405.csv")).isTrue();
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405_20240102100000.csv")).isTrue();
        assertThat(arrived.matchesDigestEntry("gridx_acme_interval_20240102030405.csv.gz")).isTrue();
        assertThat(arrived.matchesDigestEntry(" GRIDX_ACME_INTERVAL_20240102030405 ")).isTrue();

        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405_20240102100001.csv")).isFalse();
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405.psv")).isFalse();
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_REGISTER_20240102030405")).isFalse();
        assertThat(arrived.matchesDigestEntry("GRIDX_OTHER_INTERVAL_20240102030405")).isFalse();
        assertThat(arrived.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030406")).isFalse();
        assertThat(arrived.matchesDigestEntry("garbage")).isFalse();
        assertThat(arrived.matchesDigestEntry(null)).isFalse();

        GridxFileName plain = GridxFileName.parse("GRIDX_ACME_INTERVAL_20240102030405.csv");
        assertThat(plain.matchesDigestEntry("GRIDX_ACME_INTERVAL_20240102030405_20240102100000")).isTrue();
    }

    @Test
    void dialectFromExtension() {
        assertThat(Dialect.fromExtension("csv")).isEqualTo(Dialect.CSV);
        assertThat(Dialect.fromExtension(".PSV")).isEqualTo(Dialect.PSV);
        assertThat(Dialect.fromExtension("tsv").delimiter()).isEqualTo('\t');
        assertThat(Dialect.PSV.delimiter()).isEqualTo('|');
        assertThat(Dialect.CSV.extension()).isEqualTo("csv");
        assertThatThrownBy(() -> Dialect.fromExtension("txt")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileTypesListSpecificationColumns() {
        assertThat(GridxFileType.values()).hasSize(13);
        assertThat(GridxFileType.INTERVAL.headers()).isEqualTo(GridxFileType.REGISTER.headers());
        assertThat(GridxFileType.CUSTOMER.headers()).first().isEqualTo("Person_ID");
        assertThat(GridxFileType.BILLINGDETAIL.headers()).hasSize(18);
        assertThat(GridxFileType.BILLING.headers()).hasSize(14);
        assertThat(GridxFileType.NETWORK.headers()).hasSize(11);
        assertThat(GridxFileType.EVENT.headers()).contains("Event duration");
        assertThat(GridxFileType.METERACCOUNTMETER.token()).isEqualTo("METERACCOUNTMETER");
        assertThat(GridxFileType.fromToken("interval")).contains(GridxFileType.INTERVAL);
        assertThat(GridxFileType.fromToken("INTERVALS")).isEmpty();
    }

    @Test
    void everyRuleIdIsUniqueAndWellFormed() {
        assertThat(Stream.of(Rule.values()).map(Rule::id).distinct().count()).isEqualTo(Rule.values().length);
        assertThat(Rule.values()).allSatisfy(r -> assertThat(r.id()).matches("GX-(FILE|ROW|XROW|XFILE)-[A-Z0-9-]+"));
    }
}
