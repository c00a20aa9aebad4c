package org.lfenergy.cds.usage.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One local day of one zone cut into equal slots: 96 quarter-hours normally, 92 on the spring-forward day and 100
 * on the fall-back day in America/Los_Angeles. Slot {@code i} covers {@code [start + i·interval, start + (i+1)·interval)}.
 *
 * @param day       the local date
 * @param zone      the zone whose midnight bounds the day
 * @param start     local midnight as an instant
 * @param end       the next local midnight as an instant
 * @param intervalS slot length in seconds
 * @param slots     number of slots (day length / interval)
 */
public record DayFrame(LocalDate day, ZoneId zone, Instant start, Instant end, int intervalS, int slots) {

    /**
     * The frame of {@code day} in {@code zone} for slots of {@code intervalS} seconds. A slot length that does not
     * divide the day (e.g. daily values on a 23-hour day) gives one slot as long as the day.
     */
    public static DayFrame of(LocalDate day, ZoneId zone, int intervalS) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        long length = end.getEpochSecond() - start.getEpochSecond();
        if (intervalS <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (length % intervalS != 0) {
            return new DayFrame(day, zone, start, end, (int) length, 1);
        }
        return new DayFrame(day, zone, start, end, intervalS, (int) (length / intervalS));
    }

    /** The frame of the local day containing {@code instant}. */
    public static DayFrame containing(Instant instant, ZoneId zone, int intervalS) {
        return of(LocalDate.ofInstant(instant, zone), zone, intervalS);
    }

    /** The slot that starts exactly at {@code instant}, or -1 when the instant is outside or not on a slot start. */
    public int slotStartingAt(Instant instant) {
        long offset = instant.getEpochSecond() - start.getEpochSecond();
        if (offset < 0 || instant.getNano() != 0 || offset % intervalS != 0 || offset / intervalS >= slots) {
            return -1;
        }
        return (int) (offset / intervalS);
    }

    /** Start of slot {@code i}. */
    public Instant slotStart(int i) {
        return start.plusSeconds((long) i * intervalS);
    }
}
