package org.lfenergy.cds.gridx.generator.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits local days of one time zone into fixed-length intervals, in absolute time: a day with a daylight-saving
 * change simply has fewer or more intervals, and its local times skip or repeat an hour.
 */
public final class SlotCalendar {

    private final ZoneId zone;
    private final ZoneRules rules;
    private final int minutes;
    private final int stepSeconds;
    private final int[] regularMinutes;
    private final byte[][] regularHhmm;
    private final Map<LocalDate, DaySlots> days = new HashMap<>();

    /** A calendar of {@code minutes}-long intervals (a divisor of 60) in {@code zone}. */
    public SlotCalendar(ZoneId zone, int minutes) {
        if (minutes <= 0 || 60 % minutes != 0) {
            throw new IllegalArgumentException("Interval minutes must divide 60: " + minutes);
        }
        this.zone = zone;
        this.rules = zone.getRules();
        this.minutes = minutes;
        this.stepSeconds = minutes * 60;
        int perDay = 1440 / minutes;
        this.regularMinutes = new int[perDay];
        this.regularHhmm = new byte[perDay][];
        for (int i = 0; i < perDay; i++) {
            regularMinutes[i] = i * minutes;
            regularHhmm[i] = GridxText.hhmm(i * minutes).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Interval length in minutes. */
    public int minutes() {
        return minutes;
    }

    /** The intervals of a local day (cached). */
    public DaySlots day(LocalDate date) {
        DaySlots slots = days.get(date);
        if (slots == null) {
            slots = build(date);
            days.put(date, slots);
        }
        return slots;
    }

    /** Epoch second of the start of a local day. */
    public long startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toEpochSecond();
    }

    private DaySlots build(LocalDate date) {
        long start = startOfDay(date);
        long end = startOfDay(date.plusDays(1));
        int count = (int) ((end - start) / stepSeconds);
        int startOffset = rules.getOffset(Instant.ofEpochSecond(start)).getTotalSeconds();
        int endOffset = rules.getOffset(Instant.ofEpochSecond(end - 1)).getTotalSeconds();
        boolean regular = end - start == 86_400 && startOffset == endOffset
                && Math.floorMod(start + startOffset, 86_400) == 0;
        if (regular) {
            return new DaySlots(date, start, stepSeconds, regularMinutes, regularHhmm, null);
        }
        // A daylight-saving day: derive each interval's wall-clock time from the offset in force at its start.
        int[] minuteOfDay = new int[count];
        byte[][] hhmm = new byte[count][];
        byte[][] ambiguous = new byte[count][];
        for (int i = 0; i < count; i++) {
            long t = start + (long) i * stepSeconds;
            ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(t));
            int minute = (int) (Math.floorMod(t + offset.getTotalSeconds(), 86_400) / 60);
            minuteOfDay[i] = minute;
            hhmm[i] = regularHhmm[minute / minutes];
            LocalDateTime local = LocalDateTime.ofEpochSecond(t, 0, offset);
            if (rules.getValidOffsets(local).size() > 1) {
                ambiguous[i] = offset.getId().getBytes(StandardCharsets.US_ASCII);
            }
        }
        return new DaySlots(date, start, stepSeconds, minuteOfDay, hhmm, ambiguous);
    }
}
