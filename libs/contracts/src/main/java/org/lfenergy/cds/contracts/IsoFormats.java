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

    /**
     * Parses exactly the form {@link #offsetDateTime} writes ({@code yyyy-MM-ddTHH:mm:ss[.f…]±HH:MM} or {@code …Z},
     * 1 to 9 fraction digits) without the JDK's general parser, which costs more than the rest of decoding an
     * interval event. Returns null for any other text or an impossible value (e.g. February 30): the caller then
     * uses the JDK's ISO parser, which accepts the other ISO forms and words the errors.
     */
    static OffsetDateTime parseOffsetDateTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || s.charAt(4) != '-' || s.charAt(7) != '-' || month < 0 || day < 0 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int pos = 19;
        int nano = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && pos - start < 9 && isDigit(s.charAt(pos))) {
                nano = nano * 10 + (s.charAt(pos++) - '0');
            }
            int count = pos - start;
            if (count == 0) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (pos == n - 1 && s.charAt(pos) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (pos == n - 6 && (s.charAt(pos) == '+' || s.charAt(pos) == '-') && s.charAt(pos + 3) == ':') {
            int oh = digits(s, pos + 1, 2);
            int om = digits(s, pos + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om != 0)) {
                return null;
            }
            int total = oh * 3600 + om * 60;
            offset = ZoneOffset.ofTotalSeconds(s.charAt(pos) == '-' ? -total : total);
        } else {
            return null;
        }
        if (day > 28 && day > lengthOfMonth(year, month) || month < 1 || month > 12 || day < 1) {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    }

    /** Parses the form {@link #instant} writes ({@code …Z} only); null otherwise (see {@link #parseOffsetDateTime}). */
    static Instant parseInstant(String s) {
        if (s.isEmpty() || s.charAt(s.length() - 1) != 'Z') {
            return null;
        }
        OffsetDateTime t = parseOffsetDateTime(s);
        return t == null ? null : t.toInstant();
    }

    /** Parses exactly {@code yyyy-MM-dd}; null for other text or an impossible date (see {@link #parseOffsetDateTime}). */
    static LocalDate parseLocalDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            case 1, 3, 5, 7, 8, 10, 12 -> 31;
            default -> 0;
        };
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit or missing. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
