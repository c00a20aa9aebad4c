package org.lfenergy.cds.gridx.generator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReadCycleCalendarTest {

    private final ReadCycleCalendar calendar = new ReadCycleCalendar();

    @Test
    void readDatesAvoidWeekends() {
        // Cycle 05 reads on the 10th; 2024-08-10 is a Saturday, 2024-11-10 a Sunday.
        assertThat(calendar.readDate("05", YearMonth.of(2024, 8))).isEqualTo(LocalDate.of(2024, 8, 9));
        assertThat(calendar.readDate("05", YearMonth.of(2024, 11))).isEqualTo(LocalDate.of(2024, 11, 11));
        for (String cycle : calendar.cycles()) {
            for (int m = 1; m <= 12; m++) {
                DayOfWeek day = calendar.readDate(cycle, YearMonth.of(2024, m)).getDayOfWeek();
                assertThat(day).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }
    }

    @Test
    void periodsOfACycleAreContinuous() {
        List<CyclePeriod> periods = calendar.periods("20", YearMonth.of(2023, 12), YearMonth.of(2025, 2));

        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).start()).isEqualTo(periods.get(i - 1).end().plusDays(1));
        }
        assertThat(periods).allSatisfy(p -> assertThat(p.days()).isBetween(27, 34));
    }

    @Test
    void periodsWithinAWindowLieInsideIt() {
        LocalDate first = LocalDate.of(2024, 1, 1);
        LocalDate last = LocalDate.of(2024, 12, 31);

        assertThat(calendar.periodsWithin("07", first, last)).hasSize(11).allSatisfy(p -> {
            assertThat(p.start()).isAfterOrEqualTo(first);
            assertThat(p.end()).isBeforeOrEqualTo(last);
        });
    }
}
