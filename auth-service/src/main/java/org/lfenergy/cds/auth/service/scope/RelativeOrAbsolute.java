package org.lfenergy.cds.auth.service.scope;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The CDS "relative or absolute date/datetime" values (WG1-02 §2, WG3 §7.3): {@code infinite}, an RFC 3339 date or
 * datetime, or an RFC 3339 duration (dates: no H, M or S). Relative values count back from now for the historical
 * fields and forward for the others.
 */
public final class RelativeOrAbsolute {

    /** The literal meaning "no bound". */
    public static final String INFINITE = "infinite";

    private static final Pattern DATE_DURATION = Pattern.compile("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?");
    private static final Pattern DATETIME_DURATION =
            Pattern.compile("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

    private RelativeOrAbsolute() {
    }

    /** Resolves a date value to an absolute date; null for {@code infinite}. */
    public static LocalDate date(String value, boolean historical, ZonedDateTime now) {
        if (INFINITE.equals(value)) {
            return null;
        }
        if (value.startsWith("P")) {
            if (!DATE_DURATION.matcher(value).matches() || value.equals("P")) {
                throw new IllegalArgumentException("not a relative date (no H, M or S allowed): " + value);
            }
            Period period = Period.parse(value);
            LocalDate today = now.toLocalDate();
            return historical ? today.minus(period) : today.plus(period);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date, relative date or \"infinite\": " + value);
        }
    }

    /** Resolves a datetime value to an absolute instant (whole seconds); null for {@code infinite}. */
    public static Instant datetime(String value, boolean historical, ZonedDateTime now) {
        if (INFINITE.equals(value)) {
            return null;
        }
        if (value.startsWith("P")) {
            if (!DATETIME_DURATION.matcher(value).matches() || value.equals("P") || value.endsWith("T")) {
                throw new IllegalArgumentException("not a relative datetime: " + value);
            }
            int t = value.indexOf('T');
            String datePart = t < 0 ? value : value.substring(0, t);
            Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
            Duration duration = t < 0 ? Duration.ZERO : Duration.parse("P" + value.substring(t));
            ZonedDateTime resolved = historical ? now.minus(period).minus(duration) : now.plus(period).plus(duration);
            return resolved.toInstant().truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 datetime, duration or \"infinite\": " + value);
        }
    }
}
