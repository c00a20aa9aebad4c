package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMERATTRIBUTE;
import static org.lfenergy.cds.gridx.format.GridxFileType.EVENT;
import static org.lfenergy.cds.gridx.format.GridxFileType.INTERVAL;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.Severity;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.EventRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;

/** Byte- and text-level behaviour of the reader: encodings, line ends, quoting, dialects, compression, limits. */
class ReaderFormatTest {

    private static final String INTERVAL_NAME = GoodRows.fileName(INTERVAL);
    private static final String ROW = GoodRows.row(INTERVAL);

    private static IntervalRecord interval(GridxRow row) {
        return (IntervalRecord) row.record();
    }

    @Test
    void skipsUtf8ByteOrderMarkBeforeHeader() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = Fixture.utf8(GoodRows.file(INTERVAL, ROW));
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);

        Fixture f = Fixture.read(INTERVAL_NAME, all, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.rows()).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
    }

    @Test
    void readsCrlfLineEndsWithoutCarriageReturnInValuesOrRaw() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, ROW, ROW).replace("\n", "\r\n"));

        assertThat(f.rows()).hasSize(2).allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(f.row(0).raw()).isEqualTo(ROW);
        assertThat(f.row(1).line()).isEqualTo(3);
        assertThat(interval(f.row(1)).dataVersion()).isEqualTo("A");
        assertThat(f.summary().physicalLines()).isEqualTo(3);
    }

    @Test
    void readsBareCarriageReturnLineEnds() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, ROW, ROW).replace("\n", "\r"));

        assertThat(f.rows()).extracting(GridxRow::line).containsExactly(2L, 3L);
        assertThat(f.rows()).allSatisfy(r -> assertThat(r.accepted()).isTrue());
    }

    @Test
    void quotedFieldKeepsEmbeddedDelimiterNewlineAndQuotes() {
        String attr = "CT,1,service_address,\"123 Main St, Apt \"\"B\"\"\r\nSpringfield\",20210314,";
        Fixture f = Fixture.read(GoodRows.fileName(CUSTOMERATTRIBUTE),
                GoodRows.file(CUSTOMERATTRIBUTE, attr, GoodRows.row(CUSTOMERATTRIBUTE)));

        assertThat(f.rows()).hasSize(2);
        CustomerAttributeRecord r = (CustomerAttributeRecord) f.row(0).record();
        assertThat(r.value()).isEqualTo("123 Main St, Apt \"B\"\r\nSpringfield");
        assertThat(f.row(0).raw()).isEqualTo(attr);
        assertThat(f.row(0).line()).isEqualTo(2);
        // The quoted line break makes the next record start on physical line 4.
        assertThat(f.row(1).line()).isEqualTo(4);
        assertThat(f.summary().physicalLines()).isEqualTo(4);
        assertThat(f.summary().recordLines()).isEqualTo(3);
    }

    @Test
    void quotedFieldMayBeSurroundedByBlanks() {
        String row = "MA1, \"M1\" ,1.25,20240101,202401010015,KWH_DEL,America/Los_Angeles,15,A";
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, row));

        assertThat(interval(f.row(0)).meterId()).isEqualTo("M1");
    }

    @Test
    void unquotedValuesAreTrimmed() {
        String row = " MA1 , M1 , 1.25 ,20240101,202401010015, KWH_DEL ,America/Los_Angeles,15,A ";
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, row));

        IntervalRecord r = interval(f.row(0));
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.channel()).isEqualTo("KWH_DEL");
        assertThat(r.usageValue()).isEqualByComparingTo("1.25");
    }

    @Test
    void matchesHeadersInAnyOrderAndCase() {
        String header = "data_version, TIME_ZONE ,channel,Interval_Frequency,usage_value,meter_id,meteraccount_id,"
                + "DATETIME_OF_INTERVAL,date_of_interval";
        String row = "E,UTC,KWH_REC,60,-2.5,M9,MA9,202401010100,20240101";
        Fixture f = Fixture.read(INTERVAL_NAME, header + "\n" + row + "\n");

        assertThat(f.fileFindings()).isEmpty();
        IntervalRecord r = interval(f.row(0));
        assertThat(r.meterId()).isEqualTo("M9");
        assertThat(r.meterAccountId()).isEqualTo("MA9");
        assertThat(r.usageValue()).isEqualByComparingTo("-2.5");
        assertThat(r.intervalFrequency()).isEqualTo(60);
        assertThat(r.datetimeOfInterval().toInstant().toString()).isEqualTo("2024-01-01T01:00:00Z");
    }

    @Test
    void acceptsEventDurationHeaderWithSpaceOrUnderscore() {
        for (String durationHeader : List.of("Event duration", "Event_duration", "EVENT  DURATION")) {
            String header = GoodRows.header(EVENT).replace("Event duration", durationHeader);
            Fixture f = Fixture.read(GoodRows.fileName(EVENT), header + "\n*,CPP,,20240815,1,,\n");
            assertThat(f.fileFindings()).as(durationHeader).isEmpty();
            assertThat(((EventRecord) f.row(0).record()).eventDuration()).isEqualByComparingTo("1");
        }
    }

    @Test
    void warnsOnUnknownExtraColumnAndStillReadsRows() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + ",Comment\n" + ROW + ",hello\n");

        assertThat(f.fileFindings()).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("GX-FILE-HEADER-UNKNOWN");
            assertThat(x.severity()).isEqualTo(Severity.WARN);
            assertThat(x.line()).isEqualTo(1);
            assertThat(x.column()).isEqualTo("Comment");
        });
        assertThat(f.row(0).accepted()).isTrue();
        assertThat(f.summary().failed()).isFalse();
    }

    @Test
    void warnsOnBlankHeaderFieldFromTrailingDelimiter() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + ",\n" + ROW + ",\n");

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-HEADER-BLANK");
        assertThat(f.row(0).accepted()).isTrue();
    }

    @Test
    void toleratesTrailingEmptyFieldsBeyondHeader() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, ROW + ",,"));

        assertThat(f.row(0).accepted()).isTrue();
        assertThat(f.row(0).findings()).isEmpty();
    }

    @Test
    void failsFileWhenRequiredHeaderIsMissing() {
        String header = GoodRows.header(INTERVAL).replace(",Channel", "");
        Fixture f = Fixture.read(INTERVAL_NAME, header + "\n" + ROW.replace(",KWH_DEL", "") + "\n");

        assertThat(f.fileFindings()).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("GX-FILE-HEADER-MISSING");
            assertThat(x.severity()).isEqualTo(Severity.FAIL_FILE);
            assertThat(x.line()).isEqualTo(1);
            assertThat(x.column()).isEqualTo("Channel");
        });
        assertThat(f.rows()).isEmpty();
        assertThat(f.summary().failed()).isTrue();
    }

    @Test
    void failsFileWhenBothUsageIdColumnsAreMissing() {
        String header = GoodRows.header(INTERVAL).replace("MeterAccount_ID,Meter_ID,", "");
        Fixture f = Fixture.read(INTERVAL_NAME, header + "\n");

        assertThat(f.fileFindings()).extracting(Finding::ruleId, Finding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-FILE-HEADER-MISSING", "MeterAccount_ID|Meter_ID"));
    }

    @Test
    void acceptsMissingTimeZoneColumnUsingClientZone() {
        String header = GoodRows.header(INTERVAL).replace(",Time_zone", "");
        Fixture f = Fixture.read(INTERVAL_NAME, header + "\n" + ROW.replace(",America/Los_Angeles", "") + "\n");

        assertThat(f.fileFindings()).isEmpty();
        assertThat(interval(f.row(0)).timeZone()).isEqualTo(Fixture.LA);
    }

    @Test
    void failsFileOnDuplicateColumn() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + ",CHANNEL\n" + ROW + ",X\n");

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-HEADER-DUPLICATE");
        assertThat(f.summary().failed()).isTrue();
        assertThat(f.rows()).isEmpty();
    }

    @Test
    void readsPipeSeparatedFile() {
        String psv = GoodRows.file(INTERVAL, ROW).replace(',', '|');
        Fixture f = Fixture.read(INTERVAL_NAME.replace(".csv", ".psv"), psv);

        assertThat(f.row(0).accepted()).isTrue();
        assertThat(interval(f.row(0)).channel()).isEqualTo("KWH_DEL");
    }

    @Test
    void readsTabSeparatedFileKeepingCommasInValues() {
        String attr = "CT\t1\tservice_address\t123 Main St, Apt B\t20210314\t";
        String tsv = String.join("\t", CUSTOMERATTRIBUTE.headers()) + "\n" + attr + "\n";
        Fixture f = Fixture.read(GoodRows.fileName(CUSTOMERATTRIBUTE).replace(".csv", ".tsv"), tsv);

        assertThat(((CustomerAttributeRecord) f.row(0).record()).value()).isEqualTo("123 Main St, Apt B");
    }

    @Test
    void commaInPipeFileIsPartOfTheValue() {
        String psv = String.join("|", CUSTOMERATTRIBUTE.headers()) + "\nCT|1|service_address|1, Main St|20210314|\n";
        Fixture f = Fixture.read(GoodRows.fileName(CUSTOMERATTRIBUTE).replace(".csv", ".psv"), psv);

        assertThat(((CustomerAttributeRecord) f.row(0).record()).value()).isEqualTo("1, Main St");
    }

    @Test
    void readsGzipFileNamedGz() {
        byte[] gz = Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW, ROW)));
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", gz, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.rows()).hasSize(2).allSatisfy(r -> assertThat(r.accepted()).isTrue());
    }

    @Test
    void detectsGzipByMagicBytesWhenNameLacksGz() {
        byte[] gz = Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW)));
        Fixture f = Fixture.read(INTERVAL_NAME, gz, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-FILE-GZIP-NAME", Severity.WARN));
        assertThat(f.row(0).accepted()).isTrue();
    }

    @Test
    void readsPlainTextNamedGzWithWarning() {
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", Fixture.utf8(GoodRows.file(INTERVAL, ROW)),
                ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-GZIP-NAME");
        assertThat(f.row(0).accepted()).isTrue();
    }

    @Test
    void truncatedGzipFailsFileAtTheBrokenRecordAndKeepsEarlierRows() {
        StringBuilder text = new StringBuilder(GoodRows.header(INTERVAL)).append('\n');
        for (int i = 0; i < 5000; i++) {
            text.append(ROW).append('\n');
        }
        byte[] gz = Fixture.gzip(Fixture.utf8(text.toString()));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", truncated, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(f.rows().size()).isLessThan(5000);
        long lastGoodLine = f.rows().get(f.rows().size() - 1).line();
        assertThat(f.fileFindings()).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("GX-FILE-GZIP-TRUNCATED");
            assertThat(x.severity()).isEqualTo(Severity.FAIL_FILE);
            assertThat(x.line()).isEqualTo(lastGoodLine + 1);
        });
        assertThat(f.summary().failed()).isTrue();
    }

    @Test
    void gzipCutInsideItsHeaderFailsFile() {
        byte[] gz = Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW)));
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", Arrays.copyOf(gz, 5), ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-GZIP-TRUNCATED");
        assertThat(f.rows()).isEmpty();
    }

    @Test
    void corruptGzipDataFailsFile() {
        byte[] gz = Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW)));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xFF;
        }
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", gz, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-GZIP-CORRUPT");
    }

    @Test
    void headerOnlyFileIsABlankFile() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + "\n");

        assertThat(f.rows()).isEmpty();
        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.summary().blank()).isTrue();
        assertThat(f.summary().headerPresent()).isTrue();
        assertThat(f.summary().recordLines()).isEqualTo(1);
    }

    @Test
    void zeroByteFileIsABlankFile() {
        Fixture f = Fixture.read(INTERVAL_NAME, "");

        assertThat(f.rows()).isEmpty();
        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.summary().blank()).isTrue();
        assertThat(f.summary().headerPresent()).isFalse();
        assertThat(f.summary().physicalLines()).isZero();
    }

    @Test
    void zeroByteGzipNamedFileIsABlankFile() {
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", new byte[0], ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.summary().blank()).isTrue();
    }

    @Test
    void gzipOfEmptyTextIsABlankFile() {
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", Fixture.gzip(new byte[0]), ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.summary().blank()).isTrue();
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + "\n\n" + ROW + "\n   \n" + ROW + "\n\n");

        assertThat(f.rows()).extracting(GridxRow::line).containsExactly(3L, 5L);
        assertThat(f.summary().dataRecords()).isEqualTo(2);
    }

    @Test
    void lastRowWithoutLineBreakIsRead() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.header(INTERVAL) + "\n" + ROW);

        assertThat(f.rows()).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(f.summary().physicalLines()).isEqualTo(2);
    }

    @Test
    void invalidUtf8FailsFileAtItsLineAndKeepsEarlierRows() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Fixture.utf8(GoodRows.file(INTERVAL, ROW, ROW)));
        out.writeBytes(Fixture.utf8("MA1,M"));
        out.write(0xC3); // a lead byte followed by a non-continuation byte
        out.write('(');
        out.writeBytes(Fixture.utf8(",1,20240101,202401010015,KWH_DEL,UTC,15,A\n" + ROW + "\n"));

        Fixture f = Fixture.read(INTERVAL_NAME, out.toByteArray(), ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.rows()).hasSize(2).allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(f.fileFindings()).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("GX-FILE-ENCODING");
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.severity()).isEqualTo(Severity.FAIL_FILE);
        });
    }

    @Test
    void utf16FileFailsWithEncodingFinding() {
        byte[] utf16 = GoodRows.file(INTERVAL, ROW).getBytes(StandardCharsets.UTF_16);
        Fixture f = Fixture.read(INTERVAL_NAME, utf16, ReaderOptions.forClientZone(Fixture.LA));

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-ENCODING");
        assertThat(f.fileFindings().get(0).message()).contains("UTF-16");
    }

    @Test
    void pathologicalTenMegabyteLineIsRejectedAndLaterRowsAreRead() {
        StringBuilder b = new StringBuilder(GoodRows.header(INTERVAL)).append('\n').append(ROW).append('\n');
        char[] junk = new char[10 * 1024 * 1024];
        Arrays.fill(junk, 'x');
        junk[5] = '"'; // an unbalanced quote must not swallow the rest of the file
        b.append(junk).append('\n').append(ROW).append('\n');

        Fixture f = Fixture.read(INTERVAL_NAME, b.toString());

        assertThat(f.rows()).hasSize(3);
        GridxRow bad = f.row(1);
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-ROW-TOO-LONG", 3L));
        assertThat(bad.raw()).hasSize(ReaderOptions.DEFAULT_MAX_RECORD_CHARS);
        assertThat(f.row(2).line()).isEqualTo(4);
        assertThat(f.row(2).accepted()).isTrue();
    }

    @Test
    void recordLengthCapIsConfigurable() {
        String longRow = ROW.replace("KWH_DEL", "K".repeat(200));
        Fixture f = Fixture.read(INTERVAL_NAME, Fixture.utf8(GoodRows.file(INTERVAL, longRow, ROW)),
                ReaderOptions.forClientZone(Fixture.LA).withMaxRecordChars(150));

        assertThat(f.row(0).findings()).extracting(Finding::ruleId).containsExactly("GX-ROW-TOO-LONG");
        assertThat(f.row(1).accepted()).isTrue();
    }

    @Test
    void unterminatedQuoteAtEndOfFileRejectsThatRecordAtItsStartLine() {
        Fixture f = Fixture.read(INTERVAL_NAME, GoodRows.file(INTERVAL, ROW) + "MA1,\"M1,1.25\nmore\n");

        assertThat(f.rows()).hasSize(2);
        assertThat(f.row(1).findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-ROW-QUOTE", 3L));
    }

    @Test
    void computesMd5OfBytesAsReceived() throws Exception {
        byte[] gz = Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW)));
        Fixture f = Fixture.read(INTERVAL_NAME + ".gz", gz, ReaderOptions.forClientZone(Fixture.LA).withMd5(true));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(gz));
        assertThat(f.summary().md5()).isEqualTo(expected);
    }

    @Test
    void badFileNameGivesFailedReaderWithNameRule() {
        Fixture f = Fixture.read("GRIDX_ACME_SOMETHING_20240102030405.csv", GoodRows.file(INTERVAL, ROW));

        assertThat(f.rows()).isEmpty();
        assertThat(f.fileFindings()).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("GX-FILE-NAME-TYPE");
            assertThat(x.severity()).isEqualTo(Severity.FAIL_FILE);
            assertThat(x.line()).isZero();
            assertThat(x.file()).isEqualTo("GRIDX_ACME_SOMETHING_20240102030405.csv");
        });
    }

    @Test
    void opensPathAndStreamsRows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(INTERVAL_NAME + ".gz");
        Files.write(file, Fixture.gzip(Fixture.utf8(GoodRows.file(INTERVAL, ROW, ROW, ROW))));

        try (GridxFileReader reader = GridxFileReader.open(file, ReaderOptions.forClientZone(Fixture.LA))) {
            assertThat(reader.fileName().gzip()).isTrue();
            assertThat(reader.rows().filter(GridxRow::accepted).count()).isEqualTo(3);
            assertThat(reader.summary().acceptedRows()).isEqualTo(3);
        }
    }

    @Test
    void streamsAFileLargerThanTheHeapWouldHoldAsText() throws IOException {
        // ~4 million rows, ~330 MB: buffered as Strings this would exceed the test JVM's heap.
        long rows = 4_000_000;
        byte[] header = Fixture.utf8(GoodRows.header(INTERVAL) + "\n");
        byte[] line = Fixture.utf8(ROW + "\n");
        InputStream endless = new InputStream() {
            long served;
            int at;
            byte[] current = header;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == current.length) {
                    if (served == rows) {
                        return -1;
                    }
                    served++;
                    current = line;
                    at = 0;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
        long accepted = 0;
        try (GridxFileReader reader = GridxFileReader.open(endless, INTERVAL_NAME,
                ReaderOptions.forClientZone(Fixture.LA))) {
            for (GridxRow row : reader) {
                if (row.accepted()) {
                    accepted++;
                }
            }
            assertThat(reader.summary().physicalLines()).isEqualTo(rows + 1);
        }
        assertThat(accepted).isEqualTo(rows);
    }

    @Test
    void findingTruncatesHugeValues() {
        Finding f = Rule.ROW_DECIMAL.finding("f", 2, "c", "9".repeat(5000), "m");
        assertThat(f.value()).hasSizeLessThan(300);
    }
}
