package org.lfenergy.cds.gridx.format.read;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.ChronoZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.field.GridxDateTimes;
import org.lfenergy.cds.gridx.format.field.GridxDecimals;
import org.lfenergy.cds.gridx.format.field.ZoneResolver;

/**
 * Typed access to the fields of the current row by canonical column index. Every accessor records a finding
 * (rather than throwing) when a value is missing or malformed and returns null / -1, so one pass reports every
 * problem of a row. Reused across rows: no per-row allocation unless a finding occurs.
 */
final class RowParser {

    private final String file;
    private final List<String> columns;
    private final HeaderMap header;
    private final RecordTokenizer tokenizer;
    private final ZoneId clientZone;
    private final ZoneResolver zones = new ZoneResolver();

    private long line;
    private List<Finding> findings;
    private boolean rejected;

    RowParser(String file, GridxFileType type, HeaderMap header, RecordTokenizer tokenizer, ZoneId clientZone) {
        this.file = file;
        this.columns = type.headers();
        this.header = header;
        this.tokenizer = tokenizer;
        this.clientZone = clientZone;
    }

    void reset(long line) {
        this.line = line;
        this.findings = null;
        this.rejected = false;
    }

    boolean rejected() {
        return rejected;
    }

    List<Finding> findings() {
        return findings == null ? List.of() : findings;
    }

    ZoneId clientZone() {
        return clientZone;
    }

    void add(Rule rule, int col, String value, String message) {
        add(rule, col < 0 ? null : columns.get(col), value, message);
    }

    void add(Rule rule, String column, String value, String message) {
        if (findings == null) {
            findings = new ArrayList<>(2);
        }
        findings.add(rule.finding(file, line, column, value, message));
        if (rule.severity() == org.lfenergy.cds.gridx.format.Severity.REJECT_ROW) {
            rejected = true;
        }
    }

    String name(int col) {
        return columns.get(col);
    }

    // ---- text ------------------------------------------------------------------------------------------------

    /** The trimmed value, or null when the column is absent, the value empty, or the literal NULL. */
    String text(int col) {
        int p = header.positionOf(col);
        if (p < 0 || p >= tokenizer.fieldCount() || tokenizer.fieldIsEmpty(p)) {
            return null;
        }
        String v = tokenizer.field(p);
        return isNullLiteral(v) ? null : v;
    }

    /** The value as found (trimmed), even if empty or NULL; null only when the column is absent. */
    String found(int col) {
        int p = header.positionOf(col);
        if (p < 0 || p >= tokenizer.fieldCount()) {
            return null;
        }
        return tokenizer.field(p);
    }

    private static boolean isNullLiteral(String v) {
        return v.length() == 4 && v.equalsIgnoreCase("NULL");
    }

    String required(int col) {
        String v = text(col);
        if (v == null) {
            add(Rule.ROW_REQUIRED, col, found(col), name(col) + " is required but empty");
        }
        return v;
    }

    String value(int col, boolean required) {
        return required ? required(col) : text(col);
    }

    // ---- dates and times ---------------------------------------------------------------------------------

    LocalDate date(int col, boolean required) {
        String v = value(col, required);
        if (v == null) {
            return null;
        }
        LocalDate d = GridxDateTimes.parseDate(v);
        if (d == null) {
            add(Rule.ROW_DATE, col, v, name(col) + " '" + v + "' is not a date (expected yyyyMMdd or yyyy-MM-dd)");
        }
        return d;
    }

    /** An end date where empty, NULL and year 9999 mean "open" (returned as null). */
    LocalDate endDate(int col, boolean required) {
        LocalDate d = date(col, required);
        return d != null && d.getYear() == GridxDateTimes.OPEN_END_YEAR ? null : d;
    }

    /**
     * A date-time placed in {@code zone}. A plain date means 00:00 of that day, or for an end column 00:00 of the
     * next day. For an end column, empty/NULL/year 9999 mean open (null).
     */
    ZonedDateTime dateTime(int col, boolean required, boolean end, ZoneId zone) {
        return dateTime(col, required, end, end, zone);
    }

    /** As {@link #dateTime(int, boolean, boolean, ZoneId)}; with {@code openAllowed} false a 9999 end is rejected. */
    ZonedDateTime dateTime(int col, boolean required, boolean end, boolean openAllowed, ZoneId zone) {
        String v = value(col, required);
        if (v == null) {
            return null;
        }
        LocalDateTime local = GridxDateTimes.parseDateTime(v, end);
        if (local == null) {
            add(Rule.ROW_DATETIME, col, v, name(col) + " '" + v
                    + "' is not a date-time (expected yyyyMMddHHmm, or a date yyyyMMdd)");
            return null;
        }
        if (end && local.getYear() >= GridxDateTimes.OPEN_END_YEAR) {
            if (!openAllowed) {
                add(Rule.ROW_RANGE, col, v, name(col) + " '" + v + "' must be a real end, not an open-ended high value");
            }
            return null;
        }
        if (zone == null) {
            return null; // the zone column already has its finding
        }
        ZonedDateTime z = zones.place(local, zone);
        switch (zones.lastPlacement()) {
            case EXACT:
                return z;
            case GAP:
                if (GridxDateTimes.isDateOnly(v)) {
                    // Midnight skipped by DST (e.g. some South American zones): the day starts at the first valid instant.
                    return ZonedDateTime.ofLocal(local, zone, null);
                }
                add(Rule.ROW_DST_GAP, col, v, name(col) + " '" + v + "' does not exist in " + zone
                        + " (clocks jump forward over it)");
                return null;
            default:
                add(Rule.ROW_DST_AMBIGUOUS, col, v, name(col) + " '" + v + "' occurs twice in " + zone
                        + "; read as the first occurrence (" + z.getOffset() + ")");
                return z;
        }
    }

    LocalTime time(int col, boolean required) {
        String v = value(col, required);
        if (v == null) {
            return null;
        }
        LocalTime t = GridxDateTimes.parseTime(v);
        if (t == null) {
            add(Rule.ROW_TIME, col, v, name(col) + " '" + v + "' is not a time of day (expected HHmmss, 000000-235959)");
        }
        return t;
    }

    /** The Time_zone value, or the client's zone when empty or absent. */
    ZoneId zone(int col) {
        String v = text(col);
        if (v == null) {
            return clientZone;
        }
        ZoneId z = zones.resolve(v);
        if (z == null) {
            add(Rule.ROW_TIMEZONE, col, v, name(col) + " '" + v
                    + "' is not an IANA time zone (e.g. America/Los_Angeles) or UTC");
        }
        return z;
    }

    // ---- numbers -----------------------------------------------------------------------------------------

    BigDecimal decimal(int col, boolean required) {
        String v = value(col, required);
        if (v == null) {
            return null;
        }
        BigDecimal d = GridxDecimals.parse(v);
        if (d == null) {
            add(Rule.ROW_DECIMAL, col, v, name(col) + " '" + v
                    + "' is not a plain decimal number (digits, optional sign and point; no exponent or grouping)");
        }
        return d;
    }

    /** A decimal with a preferred DECIMAL(precision, scale): exceeding it only warns, the exact value is kept. */
    BigDecimal decimal(int col, boolean required, int precision, int scale) {
        BigDecimal d = decimal(col, required);
        if (d != null && !GridxDecimals.fits(d, precision, scale)) {
            add(Rule.ROW_DECIMAL_PRECISION, col, found(col), name(col) + " '" + found(col) + "' exceeds DECIMAL("
                    + precision + "," + scale + "); kept exactly as sent");
        }
        return d;
    }

    /** A whole number > 0, or -1. */
    int positiveInt(int col, boolean required) {
        String v = value(col, required);
        if (v == null) {
            return -1;
        }
        int n = GridxDecimals.parseSmallNonNegativeInt(v);
        if (n < 0) {
            add(Rule.ROW_INTEGER, col, v, name(col) + " '" + v + "' is not a whole number");
            return -1;
        }
        if (n == 0) {
            add(Rule.ROW_RANGE, col, v, name(col) + " must be greater than 0");
            return -1;
        }
        return n;
    }

    /** A 0/1 flag, or null. */
    Boolean flag(int col, boolean required) {
        String v = value(col, required);
        if (v == null) {
            return null;
        }
        if (v.equals("1")) {
            return Boolean.TRUE;
        }
        if (v.equals("0")) {
            return Boolean.FALSE;
        }
        add(Rule.ROW_FLAG, col, v, name(col) + " '" + v + "' must be 0 or 1");
        return null;
    }

    /** A four-digit year, or -1. */
    int year(int col) {
        String v = required(col);
        if (v == null) {
            return -1;
        }
        int y = v.length() == 4 ? GridxDecimals.parseSmallNonNegativeInt(v) : -1;
        if (y < 1) {
            add(Rule.ROW_YEAR, col, v, name(col) + " '" + v + "' is not a four-digit year (YYYY)");
            return -1;
        }
        return y;
    }

    /** A month 1..12 (one or two digits), or -1. */
    int month(int col) {
        String v = required(col);
        if (v == null) {
            return -1;
        }
        int m = v.length() <= 2 ? GridxDecimals.parseSmallNonNegativeInt(v) : -1;
        if (m < 1 || m > 12) {
            add(Rule.ROW_MONTH, col, v, name(col) + " '" + v + "' is not a month (01-12)");
            return -1;
        }
        return m;
    }

    // ---- cross-field -------------------------------------------------------------------------------------

    /** Rejects the row when start is after end (both present). */
    void order(int startCol, LocalDate start, int endCol, LocalDate end) {
        if (start != null && end != null && start.isAfter(end)) {
            rangeOrder(startCol, endCol);
        }
    }

    void order(int startCol, ChronoZonedDateTime<?> start, int endCol, ChronoZonedDateTime<?> end) {
        if (start != null && end != null && start.isAfter(end)) {
            rangeOrder(startCol, endCol);
        }
    }

    private void rangeOrder(int startCol, int endCol) {
        add(Rule.ROW_RANGE_ORDER, endCol, found(endCol), name(startCol) + " '" + found(startCol) + "' is after "
                + name(endCol) + " '" + found(endCol) + "'");
    }

    /** Warns when a code is not one the specification lists. */
    void knownCode(int col, String v, boolean known, String expected) {
        if (v != null && !known) {
            add(Rule.ROW_ENUM_UNKNOWN, col, v, name(col) + " '" + v + "' is not a known code (" + expected
                    + "); accepted as sent");
        }
    }
}
