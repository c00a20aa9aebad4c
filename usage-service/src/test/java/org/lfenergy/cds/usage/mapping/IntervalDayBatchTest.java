package org.lfenergy.cds.usage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /**
     * Rows grouped by series reuse the previous row's day; the result (days, slots, quality, meters, every refusal
     * and its reason) equals that of placing every row from scratch, for sequences mixing day and DST boundaries,
     * both timestamp conventions, zone texts, meter swaps, blank ids, missing values and off-grid times.
     */
    @Test
    void reusingThePreviousRowsDayGivesTheSameDaysAndRefusalsAsPlacingEveryRowAfresh() {
        UsageTime time = new UsageTime(TestConfigs.config(IntervalTimestamp.START,
                Map.of("END", TestConfigs.client(IntervalTimestamp.END, null))));
        String[] clients = {"C", "END"};
        String[] accounts = {"MA1", "MA2", null, "", " "};
        String[] meters = {"M1", "M2", null, ""};
        String[] zones = {"America/Los_Angeles", "America/Los_Angeles", "America/Los_Angeles", "-08:00", "UTC",
                "America/New_York", null, "Not/AZone"};
        String[] channels = {"KWH_DEL", "KWH_DEL", "KWH_DEL", "KWH_REC", null, " "};
        int[] minutes = {15, 15, 15, 15, 60, 1440, 7, 0, -15};
        Instant[] days = {Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-11-03T07:00:00Z"),
                Instant.parse("2024-06-01T07:00:00Z")};
        Random random = new Random(5);
        for (int run = 0; run < 300; run++) {
            List<Object[]> rows = new ArrayList<>();
            String client = clients[random.nextInt(clients.length)];
            String ma = accounts[random.nextInt(accounts.length)];
            String meter = meters[random.nextInt(meters.length)];
            String zone = zones[0];
            String channel = channels[0];
            int freq = 15;
            Instant t = days[random.nextInt(days.length)].minusSeconds(3600);
            for (int i = 0; i < 400; i++) {
                int change = random.nextInt(40);
                switch (change) {
                    case 0 -> client = clients[random.nextInt(clients.length)];
                    case 1 -> ma = accounts[random.nextInt(accounts.length)];
                    case 2 -> meter = meters[random.nextInt(meters.length)];
                    case 3 -> zone = zones[random.nextInt(zones.length)];
                    case 4 -> channel = channels[random.nextInt(channels.length)];
                    case 5 -> freq = minutes[random.nextInt(minutes.length)];
                    case 6 -> t = days[random.nextInt(days.length)].plusSeconds(900L * random.nextInt(100));
                    case 7 -> t = t.plusSeconds(60); // off the grid
                    case 8 -> t = t.minusSeconds(900L * random.nextInt(200)); // back in time: another day
                    default -> { }
                }
                String value = random.nextInt(50) == 0 ? null : random.nextInt(1000) + "." + random.nextInt(100);
                Instant at = random.nextInt(60) == 0 ? null : t;
                String version = random.nextInt(10) == 0 ? "E" : random.nextInt(30) == 0 ? null : "A";
                BigDecimal usage = value == null ? null : new BigDecimal(value);
                rows.add(new Object[]{client,
                        new IntervalPayload(ma, meter, usage, null, null, at, channel, zone, freq, version)});
                t = t.plusSeconds(900L * (1 + (random.nextInt(20) == 0 ? 1 : 0)));
            }
            assertThat(placed(new IntervalDayBatch(time, true), rows))
                    .as("run %d", run).isEqualTo(placed(new IntervalDayBatch(time, false), rows));
        }
    }

    private static List<String> placed(IntervalDayBatch batch, List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(String.valueOf(batch.add((String) r[0], (IntervalPayload) r[1])));
        }
        for (IntervalDayBatch.Day d : batch.days()) {
            out.add(d.key + " " + d.frame + " " + Arrays.toString(d.values) + " " + Arrays.toString(d.quality) + " "
                    + d.meters + " " + d.meterAccountId + " " + d.seriesMeterId + " " + d.filled);
        }
        out.add("rows " + batch.rows());
        return out;
    }
}
