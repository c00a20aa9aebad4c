package org.lfenergy.cds.gridx.format.field;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Allocation-light parsers and formatters for the GridX date and time formats; parsers return null instead of
 * throwing so that bad rows cost no exception.
 *
 * <p>Accepted dates: {@code yyyyMMdd} and {@code yyyy-MM-dd}. Accepted date-times: {@code yyyyMMddHHmm},
 * {@code yyyyMMddHHmmss}, {@code yyyy-MM-dd HH:mm[:ss]} (or with {@code T}), and any accepted date. Hour 24 is
 * accepted only as {@code 2400[00]} and means 00:00 of the next day (end-of-interval files write it).
 */
public final class GridxDateTimes {

    /** Year that marks an open end ("9999-12-31" high value). */
    public static final int OPEN_END_YEAR = 9999;

    private GridxDateTimes() {
    }

    /** A {@code yyyyMMdd} or {@code yyyy-MM-dd} date, or null when the text is not one. */
    public static LocalDate parseDate(CharSequence s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n == 8) {
            return date(s, 0, 4, 6);
        }
        if (n == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return date(s, 0, 5, 8);
        }
        return null;
    }

    /**
     * A date-time; when the text is a plain date the result is the start of that day, or, with {@code endOfDay},
     * 00:00 of the following day (the exclusive end of the "24th hour"). Null when the text is not a date-time.
     */
    public static LocalDateTime parseDateTime(CharSequence s, boolean endOfDay) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        LocalDate d;
        int timeAt;
        boolean separated;
        if (n == 8 || n == 12 || n == 14) {
            d = date(s, 0, 4, 6);
            timeAt = 8;
            separated = false;
        } else if (n == 10 || n == 16 || n == 19) {
            if (s.charAt(4) != '-' || s.charAt(7) != '-') {
                return null;
            }
            d = date(s, 0, 5, 8);
            if (n > 10) {
                char t = s.charAt(10);
                if ((t != ' ' && t != 'T') || s.charAt(13) != ':' || (n == 19 && s.charAt(16) != ':')) {
                    return null;
                }
            }
            timeAt = 11;
            separated = true;
        } else {
            return null;
        }
        if (d == null) {
            return null;
        }
        if (n == 8 || n == 10) {
            return endOfDay ? d.plusDays(1).atStartOfDay() : d.atStartOfDay();
        }
        int hh = twoDigits(s, timeAt);
        int mm = twoDigits(s, timeAt + (separated ? 3 : 2));
        int ss = 0;
        if (n == 14 || n == 19) {
            ss = twoDigits(s, timeAt + (separated ? 6 : 4));
        }
        if (hh < 0 || mm < 0 || ss < 0 || mm > 59 || ss > 59) {
            return null;
        }
        if (hh == 24) {
            return mm == 0 && ss == 0 ? d.plusDays(1).atStartOfDay() : null;
        }
        if (hh > 23) {
            return null;
        }
        return LocalDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), hh, mm, ss);
    }

    /** Whether a date-time or date text is date-only (no time part). */
    public static boolean isDateOnly(CharSequence s) {
        return s != null && (s.length() == 8 || s.length() == 10);
    }

    /** An {@code HHmmss}, {@code HHmm} or {@code HH:mm[:ss]} time of day, or null. */
    public static LocalTime parseTime(CharSequence s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int hh;
        int mm;
        int ss = 0;
        if (n == 6 || n == 4) {
            hh = twoDigits(s, 0);
            mm = twoDigits(s, 2);
            if (n == 6) {
                ss = twoDigits(s, 4);
            }
        } else if ((n == 8 || n == 5) && s.charAt(2) == ':' && (n == 5 || s.charAt(5) == ':')) {
            hh = twoDigits(s, 0);
            mm = twoDigits(s, 3);
            if (n == 8) {
                ss = twoDigits(s, 6);
            }
        } else {
            return null;
        }
        if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 59) {
            return null;
        }
        return LocalTime.of(hh, mm, ss);
    }

    /** {@code yyyyMMdd}. */
    public static String formatDate(LocalDate d) {
        StringBuilder b = new StringBuilder(8);
        pad(b, d.getYear(), 4);
        pad(b, d.getMonthValue(), 2);
        pad(b, d.getDayOfMonth(), 2);
        return b.toString();
    }

    /** {@code yyyyMMddHHmm} (seconds are dropped, as the format has none). */
    public static String formatDateTime(LocalDateTime t) {
        StringBuilder b = new StringBuilder(12);
        pad(b, t.getYear(), 4);
        pad(b, t.getMonthValue(), 2);
        pad(b, t.getDayOfMonth(), 2);
        pad(b, t.getHour(), 2);
        pad(b, t.getMinute(), 2);
        return b.toString();
    }

    /** {@code HHmmss}. */
    public static String formatTime(LocalTime t) {
        StringBuilder b = new StringBuilder(6);
        pad(b, t.getHour(), 2);
        pad(b, t.getMinute(), 2);
        pad(b, t.getSecond(), 2);
        return b.toString();
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /** Validated date from year/month/day digit positions, or null. */
    private static LocalDate date(CharSequence s, int yAt, int mAt, int dAt) {
        int y = fourDigits(s, yAt);
        int m = twoDigits(s, mAt);
        int d = twoDigits(s, dAt);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
            return null;
        }
        return LocalDate.of(y, m, d);
    }

    static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2:
                return ((y & 3) == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static int twoDigits(CharSequence s, int at) {
        int a = s.charAt(at) - '0';
        int b = s.charAt(at + 1) - '0';
        if (a < 0 || a > 9 || b < 0 || b > 9) {
            return -1;
        }
        return a * 10 + b;
    }

    private static int fourDigits(CharSequence s, int at) {
        int hi = twoDigits(s, at);
        int lo = twoDigits(s, at + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }
}
