package org.lfenergy.cds.gridx.generator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotCalendarTest {

    @ParameterizedTest(name = "{0} {1} min in {2}: {3} intervals")
    @CsvSource({
        "2024-03-09, 15, America/Los_Angeles, 96",
        "2024-03-10, 15, America/Los_Angeles, 92",
        "2024-11-03, 15, America/Los_Angeles, 100",
        "2024-03-10, 60, America/Los_Angeles, 23",
        "2024-11-03, 60, America/Los_Angeles, 25",
        "2024-03-31, 15, Europe/Berlin, 92",
        "2024-03-10, 15, UTC, 96",
        "2024-07-01, 5, America/New_York, 288",
    })
    void countsIntervalsInAbsoluteTime(LocalDate date, int minutes, String zone, int expected) {
        assertThat(new SlotCalendar(ZoneId.of(zone), minutes).day(date).count()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: interval {1} starts {2} local")
    @CsvSource({
        "2024-03-10, 7, 0145",
        "2024-03-10, 8, 0300",
        "2024-11-03, 7, 0145",
        "2024-11-03, 8, 0100",
        "2024-11-03, 12, 0200",
        "2024-11-03, 99, 2345",
    })
    void wallClockSkipsOrRepeatsTheChangedHour(LocalDate date, int index, String hhmm) {
        DaySlots day = new SlotCalendar(ZoneId.of("America/Los_Angeles"), 15).day(date);

        assertThat(new String(day.hhmm(index), StandardCharsets.US_ASCII)).isEqualTo(hhmm);
    }

    @ParameterizedTest(name = "fall-back interval {0}: offset {1}")
    @CsvSource(value = {"3, null", "4, -07:00", "7, -07:00", "8, -08:00", "11, -08:00", "12, null"},
            nullValues = "null")
    void repeatedHourCarriesItsUtcOffset(int index, String offset) {
        DaySlots day = new SlotCalendar(ZoneId.of("America/Los_Angeles"), 15).day(LocalDate.of(2024, 11, 3));

        byte[] bytes = day.ambiguousOffset(index);
        assertThat(bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII)).isEqualTo(offset);
    }
}
