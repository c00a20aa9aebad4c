package org.lfenergy.cds.gridx.generator.time;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Formats dates and times the way GridX files spell them (yyyyMMdd, yyyyMMddHHmm, HHmmss), without formatters. */
public final class GridxText {

    private GridxText() {
    }

    /** {@code yyyyMMdd}. */
    public static String date(LocalDate d) {
        char[] c = new char[8];
        put(c, 0, d.getYear(), 4);
        put(c, 4, d.getMonthValue(), 2);
        put(c, 6, d.getDayOfMonth(), 2);
        return new String(c);
    }

    /** {@code yyyyMMdd} as ASCII bytes. */
    public static byte[] dateBytes(LocalDate d) {
        return date(d).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code yyyyMMddHHmm}. */
    public static String dateTime(LocalDateTime t) {
        return date(t.toLocalDate()) + hhmm(t.getHour() * 60 + t.getMinute());
    }

    /** {@code HHmm} for a minute of the day. */
    public static String hhmm(int minuteOfDay) {
        char[] c = new char[4];
        put(c, 0, minuteOfDay / 60, 2);
        put(c, 2, minuteOfDay % 60, 2);
        return new String(c);
    }

    /** {@code HHmmss}. */
    public static String time(LocalTime t) {
        char[] c = new char[6];
        put(c, 0, t.getHour(), 2);
        put(c, 2, t.getMinute(), 2);
        put(c, 4, t.getSecond(), 2);
        return new String(c);
    }

    /** A month as two digits, e.g. {@code 03}. */
    public static String twoDigits(int value) {
        char[] c = new char[2];
        put(c, 0, value, 2);
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
