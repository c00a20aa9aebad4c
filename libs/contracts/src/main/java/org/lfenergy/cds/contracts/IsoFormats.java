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
        Fields f = Fields.parse(s);
        if (f == null) {
            return null;
        }
        // The fields are checked: LocalDate.of and LocalTime.of cannot refuse them.
        return OffsetDateTime.of(LocalDate.of(f.year, f.month, f.day), LocalTime.of(f.hour, f.minute, f.second, f.nano),
                offset(f.offsetSeconds));
    }

    /**
     * Parses the form {@link #instant} writes ({@code …Z} only; null otherwise, see {@link #parseOffsetDateTime}). The
     * instant is computed from the checked digits (days from the civil date, no {@code OffsetDateTime} built).
     */
    static Instant parseInstant(String s) {
        if (s.isEmpty() || s.charAt(s.length() - 1) != 'Z') {
            return null;
        }
        Fields f = Fields.parse(s);
        if (f == null) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(f.year, f.month, f.day) * 86_400L + f.hour * 3_600L + f.minute * 60L
                + f.second - f.offsetSeconds, f.nano);
    }

    /**
     * Days since 1970-01-01 of a valid proleptic Gregorian date (any year, including 0000 and years before it):
     * the civil-to-days computation over 400-year eras, with March as the first month of the shifted year so that
     * the leap day is the era year's last day.
     */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1L : year;
        long era = Math.floorDiv(y, 400L);
        long yearOfEra = y - era * 400L;                                   // 0..399
        int shiftedMonth = month > 2 ? month - 3 : month + 9;              // March = 0 … February = 11
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;          // 0..365
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear; // 0..146096
        return era * 146_097L + dayOfEra - 719_468L;                       // 719,468: 0000-03-01 to 1970-01-01
    }

    /** Offsets of whole quarter hours (every offset in use today), -18:00 … +18:00, built once. */
    private static final ZoneOffset[] QUARTER_HOUR_OFFSETS = new ZoneOffset[145];

    static {
        for (int i = 0; i < QUARTER_HOUR_OFFSETS.length; i++) {
            QUARTER_HOUR_OFFSETS[i] = ZoneOffset.ofTotalSeconds((i - 72) * 900);
        }
    }

    private static ZoneOffset offset(int totalSeconds) {
        return totalSeconds % 900 == 0 ? QUARTER_HOUR_OFFSETS[totalSeconds / 900 + 72]
                : ZoneOffset.ofTotalSeconds(totalSeconds);
    }

    /** The checked fields of the canonical date-time form. */
    private static final class Fields {
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int nano;
        int offsetSeconds;

        /** The fields of {@code s}, or null when it is not exactly the canonical form or names an impossible time. */
        static Fields parse(String s) {
            int n = s.length();
            if (n < 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
                return null;
            }
            Fields f = new Fields();
            f.year = digits(s, 0, 4);
            f.month = digits(s, 5, 2);
            f.day = digits(s, 8, 2);
            f.hour = digits(s, 11, 2);
            f.minute = digits(s, 14, 2);
            f.second = digits(s, 17, 2);
            if (f.year < 0 || s.charAt(4) != '-' || s.charAt(7) != '-' || f.month < 1 || f.month > 12 || f.day < 1
                    || f.day > 28 && f.day > lengthOfMonth(f.year, f.month) || f.hour < 0 || f.hour > 23
                    || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 59) {
                return null;
            }
            int pos = 19;
            if (s.charAt(pos) == '.') {
                int start = ++pos;
                int nano = 0;
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
                f.nano = nano;
            }
            if (pos == n - 1 && s.charAt(pos) == 'Z') {
                f.offsetSeconds = 0;
            } else if (pos == n - 6 && (s.charAt(pos) == '+' || s.charAt(pos) == '-') && s.charAt(pos + 3) == ':') {
                int oh = digits(s, pos + 1, 2);
                int om = digits(s, pos + 4, 2);
                if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om != 0)) {
                    return null;
                }
                int total = oh * 3600 + om * 60;
                f.offsetSeconds = s.charAt(pos) == '-' ? -total : total;
            } else {
                return null;
            }
            return f;
        }
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
