package org.lfenergy.cds.gridx.generator.time;

import java.time.LocalDate;

/**
 * The intervals of one local day: how many there are (92 on a spring-forward day, 100 on a fall-back day for
 * 15 minutes in America/Los_Angeles), when each starts, and its local wall-clock time, pre-encoded for writing.
 */
public final class DaySlots {

    private final LocalDate date;
    private final byte[] dateBytes;
    private final long startEpochSecond;
    private final int stepSeconds;
    private final int[] minuteOfDay;
    private final byte[][] hhmm;
    private final byte[][] offsets;

    DaySlots(LocalDate date, long startEpochSecond, int stepSeconds, int[] minuteOfDay, byte[][] hhmm,
             byte[][] offsets) {
        this.date = date;
        this.dateBytes = GridxText.dateBytes(date);
        this.startEpochSecond = startEpochSecond;
        this.stepSeconds = stepSeconds;
        this.minuteOfDay = minuteOfDay;
        this.hhmm = hhmm;
        this.offsets = offsets;
    }

    /** The local date. */
    public LocalDate date() {
        return date;
    }

    /** {@code yyyyMMdd} of the date. */
    public byte[] dateBytes() {
        return dateBytes;
    }

    /** Number of intervals that start on this local day. */
    public int count() {
        return minuteOfDay.length;
    }

    /** Epoch second at which the day (its first interval) starts. */
    public long startEpochSecond() {
        return startEpochSecond;
    }

    /** Epoch second at which interval {@code i} starts. */
    public long epochSecond(int i) {
        return startEpochSecond + (long) i * stepSeconds;
    }

    /** Local minute of the day at which interval {@code i} starts (repeats on a fall-back day). */
    public int minuteOfDay(int i) {
        return minuteOfDay[i];
    }

    /**
     * For an interval whose local time occurs twice (the repeated hour of a fall-back day), its UTC offset as
     * text, e.g. {@code -07:00} for the first pass and {@code -08:00} for the second; null for every other one.
     */
    public byte[] ambiguousOffset(int i) {
        return offsets == null ? null : offsets[i];
    }

    /** Local {@code HHmm} of interval {@code i}. */
    public byte[] hhmm(int i) {
        return hhmm[i];
    }
}
