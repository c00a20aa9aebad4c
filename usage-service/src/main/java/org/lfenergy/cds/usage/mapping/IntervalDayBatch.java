package org.lfenergy.cds.usage.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/**
 * Interval rows of one consumed batch gathered in memory per (client, series, channel, interval length, local day),
 * so that a batch of thousands of rows becomes one write of a few dozen day rows. Later rows of the same slot win,
 * as they would in the table. Not thread-safe; one per batch.
 */
public final class IntervalDayBatch {

    /** Identity of one stored day row. */
    public record Key(String client, String seriesKey, String channel, int intervalS, LocalDate day) {
    }

    /** One day row being filled. */
    public static final class Day {
        public final Key key;
        public final DayFrame frame;
        public final BigDecimal[] values;
        public final String[] quality;
        public final TreeSet<String> meters = new TreeSet<>();
        public String meterAccountId;
        public String seriesMeterId;
        public int filled;

        Day(Key key, DayFrame frame) {
            this.key = key;
            this.frame = frame;
            this.values = new BigDecimal[frame.slots()];
            this.quality = new String[frame.slots()];
        }
    }

    private final UsageTime time;
    private final boolean reuseLastDay;
    private final Map<Key, Day> days = new LinkedHashMap<>();
    private final Map<FrameKey, DayFrame> frames = new HashMap<>();
    private int rows;
    private Day last;
    private String lastClient;
    private String lastMeterAccountId;
    private String lastMeterId;
    private String lastChannel;
    private String lastTimeZone;
    private int lastMinutes;
    private String lastSeries;
    private DayFrame lastFrame;

    public IntervalDayBatch(UsageTime time) {
        this(time, true);
    }

    /** With {@code reuseLastDay} false every row takes the full path (tests compare both). */
    IntervalDayBatch(UsageTime time, boolean reuseLastDay) {
        this.time = time;
        this.reuseLastDay = reuseLastDay;
    }

    /**
     * Adds one interval row.
     *
     * @return null when added, else why the row cannot be stored (the caller counts and logs it)
     */
    public String add(String client, IntervalPayload p) {
        Day d = last;
        if (reuseLastDay && d != null && sameSeriesAsLast(client, p)) {
            // Rows come grouped by series and time (one Kafka key per series): most rows fill the day row of the
            // previous one, so the series key, zone, local day and frame need not be derived again.
            if (p.usageValue() == null) {
                return "no usage_value";
            }
            if (p.datetimeOfIntervalUtc() == null) {
                return "no datetime_of_interval_utc";
            }
            Instant start = time.intervalStart(client, p.datetimeOfIntervalUtc(), lastMinutes);
            // The row's own frame (its zone's day), as the full path uses, even when the day row was opened by a
            // row of the same series in another zone.
            DayFrame frame = lastFrame;
            if (!start.isBefore(frame.start()) && start.isBefore(frame.end())) {
                int slot = frame.slotStartingAt(start);
                if (slot < 0) {
                    return notOnBoundary(start, lastMinutes);
                }
                put(d, slot, p, lastSeries);
                return null;
            }
        }
        return addToItsDay(client, p);
    }

    private String addToItsDay(String client, IntervalPayload p) {
        String series = SeriesKey.of(p.meterAccountId(), p.meterId());
        if (series == null) {
            return "neither meteraccount_id nor meter_id";
        }
        if (p.usageValue() == null) {
            return "no usage_value";
        }
        if (p.datetimeOfIntervalUtc() == null) {
            return "no datetime_of_interval_utc";
        }
        if (p.channel() == null || p.channel().isBlank()) {
            return "no channel";
        }
        int minutes = p.intervalFrequency();
        if (minutes <= 0 || minutes > 1440 || 1440 % minutes != 0) {
            return "interval_frequency " + minutes + " does not divide a day";
        }
        ZoneId zone = time.zoneOf(client, p.timeZone());
        Instant start = time.intervalStart(client, p.datetimeOfIntervalUtc(), minutes);
        LocalDate day = LocalDate.ofInstant(start, zone);
        int intervalS = minutes * 60;
        DayFrame frame = frames.computeIfAbsent(new FrameKey(zone, day, intervalS),
                k -> DayFrame.of(k.day, k.zone, k.intervalS));
        int slot = frame.slotStartingAt(start);
        if (slot < 0) {
            return notOnBoundary(start, minutes);
        }
        Key key = new Key(client, series, p.channel(), frame.intervalS(), day);
        Day d = days.get(key);
        if (d == null) {
            d = new Day(key, frame);
            days.put(key, d);
        }
        put(d, slot, p, series);
        last = d;
        lastClient = client;
        lastMeterAccountId = p.meterAccountId();
        lastMeterId = p.meterId();
        lastChannel = p.channel();
        lastTimeZone = p.timeZone();
        lastMinutes = minutes;
        lastSeries = series;
        lastFrame = frame;
        return null;
    }

    private void put(Day d, int slot, IntervalPayload p, String series) {
        if (d.values[slot] == null) {
            d.filled++;
        }
        d.values[slot] = p.usageValue();
        d.quality[slot] = p.dataVersion() == null ? "" : p.dataVersion();
        if (p.meterId() != null && !p.meterId().isBlank()) {
            d.meters.add(p.meterId());
            if (series.startsWith("m:")) {
                d.seriesMeterId = p.meterId();
            }
        }
        if (p.meterAccountId() != null && !p.meterAccountId().isBlank()) {
            d.meterAccountId = p.meterAccountId();
        }
        rows++;
    }

    /** Same client, ids, channel, frequency and zone text as the last row placed: the same series and zone. */
    private boolean sameSeriesAsLast(String client, IntervalPayload p) {
        return client.equals(lastClient) && p.intervalFrequency() == lastMinutes
                && Objects.equals(p.channel(), lastChannel) && Objects.equals(p.meterId(), lastMeterId)
                && Objects.equals(p.meterAccountId(), lastMeterAccountId)
                && Objects.equals(p.timeZone(), lastTimeZone);
    }

    private static String notOnBoundary(Instant start, int minutes) {
        return "interval start " + start + " is not on a " + minutes + "-minute boundary of its local day";
    }

    /** The day rows gathered so far. */
    public Collection<Day> days() {
        return days.values();
    }

    /** Rows added. */
    public int rows() {
        return rows;
    }

    private record FrameKey(ZoneId zone, LocalDate day, int intervalS) {
    }
}
