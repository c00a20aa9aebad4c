package org.lfenergy.cds.usage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DayFrameTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @ParameterizedTest(name = "{0} at {1} s has {2} slots from {3}")
    @CsvSource({
            "2024-03-10, 900, 92, 2024-03-10T08:00:00Z, 2024-03-11T07:00:00Z",
            "2024-11-03, 900, 100, 2024-11-03T07:00:00Z, 2024-11-04T08:00:00Z",
            "2024-06-01, 900, 96, 2024-06-01T07:00:00Z, 2024-06-02T07:00:00Z",
            "2024-03-10, 3600, 23, 2024-03-10T08:00:00Z, 2024-03-11T07:00:00Z",
            "2024-11-03, 3600, 25, 2024-11-03T07:00:00Z, 2024-11-04T08:00:00Z",
            "2024-01-15, 300, 288, 2024-01-15T08:00:00Z, 2024-01-16T08:00:00Z"})
    void cutsLocalDaysIntoSlotsAcrossDaylightSavingChanges(LocalDate day, int intervalS, int slots, Instant start,
                                                          Instant end) {
        DayFrame f = DayFrame.of(day, LA, intervalS);
        assertThat(f.slots()).isEqualTo(slots);
        assertThat(f.start()).isEqualTo(start);
        assertThat(f.end()).isEqualTo(end);
        assertThat(f.slotStart(slots - 1).plusSeconds(intervalS)).isEqualTo(end);
    }

    @Test
    void aDailyValueOnAShortDayIsOneSlotAsLongAsTheDay() {
        DayFrame f = DayFrame.of(LocalDate.of(2024, 3, 10), LA, 86400);
        assertThat(f.slots()).isEqualTo(1);
        assertThat(f.intervalS()).isEqualTo(82800);
    }

    @Test
    void findsTheSlotStartingAtAnInstantOnlyOnBoundaries() {
        DayFrame f = DayFrame.of(LocalDate.of(2024, 11, 3), LA, 900);
        // 01:15 PDT (first) and 01:15 PST (second) are different slots
        assertThat(f.slotStartingAt(Instant.parse("2024-11-03T08:15:00Z"))).isEqualTo(5);
        assertThat(f.slotStartingAt(Instant.parse("2024-11-03T09:15:00Z"))).isEqualTo(9);
        assertThat(f.slotStartingAt(Instant.parse("2024-11-04T07:45:00Z"))).isEqualTo(99);
        assertThat(f.slotStartingAt(Instant.parse("2024-11-03T08:16:00Z"))).isEqualTo(-1);
        assertThat(f.slotStartingAt(Instant.parse("2024-11-04T08:00:00Z"))).isEqualTo(-1);
        assertThat(f.slotStartingAt(Instant.parse("2024-11-03T06:45:00Z"))).isEqualTo(-1);
    }
}
