package org.lfenergy.cds.usage.service;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lfenergy.cds.usage.rest.BadParameterException;

/** Parsing of the CDS list URL parameters; every failure names its parameter. */
public final class ListParams {

    /** Longest accepted space-separated list (an enumeration guard). */
    public static final int MAX_LIST = 1000;

    private ListParams() {
    }

    /** A space-separated list (CDS "any of"); empty for an absent parameter. */
    public static List<String> list(String name, String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Arrays.stream(value.trim().split("[ +]+")).filter(s -> !s.isEmpty()).toList());
        if (out.isEmpty()) {
            throw new BadParameterException(name, name + " must list at least one value");
        }
        if (out.size() > MAX_LIST) {
            throw new BadParameterException(name, name + " lists more than " + MAX_LIST + " values");
        }
        return List.copyOf(out);
    }

    /** An RFC 3339 date-time, or null when absent. */
    public static OffsetDateTime dateTime(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " must be an RFC 3339 date-time, e.g. 2024-03-10T00:00:00Z");
        }
    }

    /** Page size: 1..max, default max. */
    public static int limit(String value, int max) {
        return limit(value, max, max);
    }

    /** Page size: 1..max, default {@code defaultSize} (at most max). */
    public static int limit(String value, int defaultSize, int max) {
        if (value == null) {
            return Math.min(defaultSize, max);
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new BadParameterException("limit", "limit must be an integer from 1 to " + max);
    }
}
