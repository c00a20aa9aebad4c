package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;

/** Local times around the America/Los_Angeles transitions of 2024 (Mar 10 02:00 → 03:00, Nov 3 02:00 → 01:00). */
class DaylightSavingTest {

    private static Fixture intervals(String... dateAndDatetime) {
        String[] rows = new String[dateAndDatetime.length / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = GoodRows.with(GridxFileType.INTERVAL, "Date_of_interval", dateAndDatetime[2 * i],
                    "Datetime_of_interval", dateAndDatetime[2 * i + 1]);
        }
        return Fixture.read(GoodRows.fileName(GridxFileType.INTERVAL), GoodRows.file(GridxFileType.INTERVAL, rows));
    }

    @Test
    void rejectsEveryLocalTimeInTheSpringForwardGap() {
        Fixture f = intervals("20240310", "202403100145", "20240310", "202403100200", "20240310", "202403100245",
                "20240310", "202403100300");

        assertThat(f.row(0).accepted()).isTrue();
        assertThat(f.row(1).findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-ROW-DST-GAP", 3L));
        assertThat(f.row(2).findings()).extracting(Finding::ruleId).containsExactly("GX-ROW-DST-GAP");
        assertThat(f.row(3).accepted()).isTrue();
        assertThat(((IntervalRecord) f.row(3).record()).datetimeOfInterval().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-7));
    }

    @Test
    void resolvesFallBackRepeatedHourToTheEarlierOffsetWithAWarning() {
        Fixture f = intervals("20241103", "202411030045", "20241103", "202411030100", "20241103", "202411030145",
                "20241103", "202411030200");

        assertThat(f.rows()).allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(f.row(0).findings()).isEmpty();
        IntervalRecord ambiguous = (IntervalRecord) f.row(1).record();
        assertThat(ambiguous.datetimeOfInterval().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(ambiguous.datetimeOfInterval().toInstant()).hasToString("2024-11-03T08:00:00Z");
        assertThat(f.row(1).findings()).extracting(Finding::ruleId, Finding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-ROW-DST-AMBIGUOUS", "Datetime_of_interval"));
        assertThat(f.row(2).findings()).extracting(Finding::ruleId).containsExactly("GX-ROW-DST-AMBIGUOUS");
        // 02:00 exists once (PST) after the repeated hour.
        assertThat(f.row(3).findings()).isEmpty();
        assertThat(((IntervalRecord) f.row(3).record()).datetimeOfInterval().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-8));
    }

    @Test
    void resolutionIsDeterministicAcrossReads() {
        IntervalRecord a = (IntervalRecord) intervals("20241103", "202411030130").row(0).record();
        IntervalRecord b = (IntervalRecord) intervals("20241103", "202411030130").row(0).record();
        assertThat(a.datetimeOfInterval()).isEqualTo(b.datetimeOfInterval());
    }

    @Test
    void dayOfSpringForwardEndsAtNextMidnightAfter23Hours() {
        CustomerRecord r = (CustomerRecord) Fixture.read(GoodRows.fileName(GridxFileType.CUSTOMER),
                GoodRows.file(GridxFileType.CUSTOMER, GoodRows.with(GridxFileType.CUSTOMER,
                        "Contract_start_date", "20240310", "Contract_end_date", "20240310"))).row(0).record();
        long hours = java.time.Duration.between(r.contractStartDate(), r.contractEndDate()).toHours();
        assertThat(hours).isEqualTo(23);
    }

    @Test
    void customerDateTimeInGapIsRejected() {
        Fixture f = Fixture.read(GoodRows.fileName(GridxFileType.CUSTOMER), GoodRows.file(GridxFileType.CUSTOMER,
                GoodRows.with(GridxFileType.CUSTOMER, "Contract_start_date", "202403100230")));
        assertThat(f.row(0).findings()).extracting(Finding::ruleId, Finding::column, Finding::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GX-ROW-DST-GAP", "Contract_start_date",
                        "202403100230"));
    }
}
