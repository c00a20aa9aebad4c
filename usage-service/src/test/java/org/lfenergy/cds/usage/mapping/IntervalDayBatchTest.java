package org.lfenergy.cds.usage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.usage.config.UsageConfig.IntervalTimestamp;

class IntervalDayBatchTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    static IntervalPayload row(String ma, String meter, Instant t, String zone, int minutes, String value, String v) {
        return new IntervalPayload(ma, meter, value == null ? null : new BigDecimal(value), LocalDate.ofInstant(t, LA),
                t.atZone(LA).toOffsetDateTime(), t, "KWH_DEL", zone, minutes, v);
    }

    @Test
    void gathersRowsPerSeriesChannelAndLocalDayIntoSlotsLaterRowsWinning() {
        IntervalDayBatch b = new IntervalDayBatch(new UsageTime(TestConfigs.config(IntervalTimestamp.START, Map.of())));
        Instant midnight = Instant.parse("2024-11-03T07:00:00Z");
        assertThat(b.add("C", row("MA", "M1", midnight, "America/Los_Angeles", 15, "1.5", "A"))).isNull();
        assertThat(b.add("C", row("MA", "M1", midnight.plusSeconds(99 * 900), "America/Los_Angeles", 15, "2", "A"))).isNull();
        // the second 01:15 of the fall-back day arrives with an offset instead of a zone name
        assertThat(b.add("C", row("MA", "M2", Instant.parse("2024-11-03T09:15:00Z"), "-08:00", 15, "3", "E"))).isNull();
        assertThat(b.add("C", row("MA", "M2", midnight, "America/Los_Angeles", 15, "1.75", "E"))).isNull();
        assertThat(b.days()).hasSize(1);
        IntervalDayBatch.Day d = b.days().iterator().next();
        assertThat(d.values).hasSize(100);
        assertThat(d.values[0]).isEqualByComparingTo("1.75");
        assertThat(d.quality[0]).isEqualTo("E");
        assertThat(d.values[9]).isEqualByComparingTo("3");
        assertThat(d.values[99]).isEqualByComparingTo("2");
        assertThat(d.values[1]).isNull();
        assertThat(d.meters).containsExactly("M1", "M2");
        assertThat(d.key.seriesKey()).isEqualTo("ma:MA");
        assertThat(d.frame.start()).isEqualTo(midnight);
    }

    @Test
    void endOfIntervalTimestampsMoveTheMidnightReadingToThePreviousDay() {
        UsageTime time = new UsageTime(TestConfigs.config(IntervalTimestamp.START,
                Map.of("UTIL", TestConfigs.client(IntervalTimestamp.END, null))));
        IntervalDayBatch b = new IntervalDayBatch(time);
        Instant midnight = Instant.parse("2024-06-02T07:00:00Z");
        assertThat(b.add("UTIL", row(null, "M1", midnight, "America/Los_Angeles", 15, "1", "A"))).isNull();
        IntervalDayBatch.Day d = b.days().iterator().next();
        assertThat(d.key.day()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(d.values[95]).isEqualByComparingTo("1");
        assertThat(d.key.seriesKey()).isEqualTo("m:M1");
        assertThat(d.seriesMeterId).isEqualTo("M1");
    }

    @Test
    void refusesRowsItCannotPlace() {
        IntervalDayBatch b = new IntervalDayBatch(new UsageTime(TestConfigs.config(IntervalTimestamp.START, Map.of())));
        Instant t = Instant.parse("2024-06-01T07:00:00Z");
        assertThat(b.add("C", row(null, null, t, "America/Los_Angeles", 15, "1", "A"))).contains("neither");
        assertThat(b.add("C", row("MA", null, t, "America/Los_Angeles", 15, null, "A"))).contains("usage_value");
        assertThat(b.add("C", row("MA", null, t, "America/Los_Angeles", 7, "1", "A"))).contains("does not divide");
        assertThat(b.add("C", row("MA", null, t.plusSeconds(60), "America/Los_Angeles", 15, "1", "A")))
                .contains("boundary");
        assertThat(b.days()).isEmpty();
    }

    @Test
    void rowsInUtcUseTheClientsLocalDay() {
        UsageTime time = new UsageTime(TestConfigs.config(IntervalTimestamp.START, Map.of()));
        assertThat(time.zoneOf("C", "UTC")).isEqualTo(LA);
        assertThat(time.zoneOf("C", "-07:00")).isEqualTo(LA);
        assertThat(time.zoneOf("C", "America/New_York")).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(time.zoneOf("C", "Not/AZone")).isEqualTo(LA);
    }
}
