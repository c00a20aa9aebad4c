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

    private IsoFormats() {
    }

    /** E.g. {@code 2024-03-01T00:00:00-08:00}, {@code 2024-03-01T08:00:00.5Z} is written as {@code …:00.500Z}. */
    public static String offsetDateTime(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(32);
        if (!appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth())) {
            return t.toString();
        }
        sb.append('T');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        appendOffset(sb, t.getOffset());
        return sb.toString();
    }

    /** E.g. {@code 2024-03-01T08:00:00Z}. */
    public static String instant(Instant i) {
        return offsetDateTime(i.atOffset(ZoneOffset.UTC));
    }

    /** E.g. {@code 2024-03-01}. */
    public static String localDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(10);
        return appendDate(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth()) ? sb.toString() : d.toString();
    }

    /** E.g. {@code 14:00:00}. */
    public static String localTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(18);
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return sb.toString();
    }

    private static boolean appendDate(StringBuilder sb, int year, int month, int day) {
        if (year < 0 || year > 9999) {
            return false; // outside RFC 3339; let the JDK write its expanded form
        }
        pad(sb, year / 100);
        pad(sb, year % 100);
        sb.append('-');
        pad(sb, month);
        sb.append('-');
        pad(sb, day);
        return true;
    }

    private static void appendTime(StringBuilder sb, int hour, int minute, int second, int nano) {
        pad(sb, hour);
        sb.append(':');
        pad(sb, minute);
        sb.append(':');
        pad(sb, second);
        if (nano != 0) {
            // Same grouping as the JDK: 3, 6 or 9 digits.
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1_000 == 0) {
                digits = 6;
                value = nano / 1_000;
            } else {
                digits = 9;
                value = nano;
            }
            sb.append('.');
            String v = Integer.toString(value);
            for (int i = v.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(v);
        }
    }

    private static void appendOffset(StringBuilder sb, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        if (total == 0) {
            sb.append('Z');
            return;
        }
        if (total % 60 != 0) {
            sb.append(offset.getId()); // historic second-precision offsets (LMT): rare, keep exact
            return;
        }
        int abs = Math.abs(total);
        sb.append(total < 0 ? '-' : '+');
        pad(sb, abs / 3600);
        sb.append(':');
        pad(sb, (abs / 60) % 60);
    }

    private static void pad(StringBuilder sb, int twoDigits) {
        sb.append((char) ('0' + twoDigits / 10)).append((char) ('0' + twoDigits % 10));
    }
}
