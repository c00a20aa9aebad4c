package org.lfenergy.cds.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The text forms of dates and times in every event: RFC 3339 / ISO-8601 with seconds always written.
 *
 * <p>Why not the JDK's ISO formatters: they drop {@code :00} seconds ({@code 2024-03-01T00:00-08:00}), which is not
 * a valid RFC 3339 / JSON Schema {@code date-time}; and these hand-written formatters are several times faster,
 * which matters at hundreds of thousands of events per second.
 */
public final class IsoFormats {

    /** Longest text written here: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn+HH:MM}. */
    static final int MAX_LENGTH = 35;

    private IsoFormats() {
    }

    /** E.g. {@code 2024-03-01T00:00:00-08:00}; fractions in groups of 3 digits ({@code …:00.500Z}). */
    public static String offsetDateTime(OffsetDateTime t) {
        char[] buf = new char[MAX_LENGTH];
        int len = writeOffsetDateTime(t, buf);
        return len < 0 ? t.toString() : new String(buf, 0, len);
    }

    /** E.g. {@code 2024-03-01T08:00:00Z}. */
    public static String instant(Instant i) {
        return offsetDateTime(i.atOffset(ZoneOffset.UTC));
    }

    /** E.g. {@code 2024-03-01}. */
    public static String localDate(LocalDate d) {
        char[] buf = new char[10];
        return writeDate(buf, 0, d.getYear(), d.getMonthValue(), d.getDayOfMonth()) ? new String(buf) : d.toString();
    }

    /** E.g. {@code 14:00:00}. */
    public static String localTime(LocalTime t) {
        char[] buf = new char[18];
        int len = writeTime(buf, 0, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return new String(buf, 0, len);
    }

    /**
     * Writes {@code t} into {@code buf} (at least {@link #MAX_LENGTH} long) and returns the length, or -1 when the
     * year lies outside 0000..9999 or the offset has seconds (historic local mean time), which RFC 3339 cannot
     * express; callers then fall back to {@link OffsetDateTime#toString()}.
     */
    static int writeOffsetDateTime(OffsetDateTime t, char[] buf) {
        if (!writeDate(buf, 0, t.getYear(), t.getMonthValue(), t.getDayOfMonth())) {
            return -1;
        }
        buf[10] = 'T';
        int pos = writeTime(buf, 11, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        int total = t.getOffset().getTotalSeconds();
        if (total == 0) {
            buf[pos++] = 'Z';
            return pos;
        }
        if (total % 60 != 0) {
            return -1;
        }
        int abs = Math.abs(total);
        buf[pos++] = total < 0 ? '-' : '+';
        pos = two(buf, pos, abs / 3600);
        buf[pos++] = ':';
        return two(buf, pos, (abs / 60) % 60);
    }

    private static boolean writeDate(char[] buf, int pos, int year, int month, int day) {
        if (year < 0 || year > 9999) {
            return false;
        }
        pos = two(buf, pos, year / 100);
        pos = two(buf, pos, year % 100);
        buf[pos++] = '-';
        pos = two(buf, pos, month);
        buf[pos++] = '-';
        two(buf, pos, day);
        return true;
    }

    private static int writeTime(char[] buf, int pos, int hour, int minute, int second, int nano) {
        pos = two(buf, pos, hour);
        buf[pos++] = ':';
        pos = two(buf, pos, minute);
        buf[pos++] = ':';
        pos = two(buf, pos, second);
        if (nano == 0) {
            return pos;
        }
        // Same grouping as the JDK: 3, 6 or 9 digits.
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
        buf[pos++] = '.';
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return pos + digits;
    }

    private static int two(char[] buf, int pos, int value) {
        buf[pos] = (char) ('0' + value / 10);
        buf[pos + 1] = (char) ('0' + value % 10);
        return pos + 2;
    }
}
