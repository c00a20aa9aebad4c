package org.lfenergy.cds.billing.rest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A validated list request: filters, paging. Unknown, repeated, empty or malformed parameters are refused with a
 * 400 naming the parameter.
 *
 * @param lists  space-separated list parameters (values in order, duplicates removed)
 * @param dates  date parameters
 * @param q      the search text, or null
 * @param filters the accepted filter parameters as received (for next/previous links)
 */
public record ListRequest(Listing listing, Map<String, List<String>> lists, Map<String, LocalDate> dates, String q,
                          int limit, boolean limitGiven, int offset, Map<String, String> filters) {

    private static final int MAX_VALUES = 1000;
    private static final int MAX_Q = 256;

    /** Parses the decoded query parameters of a request. */
    public static ListRequest parse(Listing listing, Map<String, List<String>> query) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        String q = null;
        int limit = Listing.DEFAULT_LIMIT;
        boolean limitGiven = false;
        int offset = 0;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (!listing.acceptedNames().contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter '" + name + "'; accepted: "
                        + String.join(", ", listing.acceptedNames()));
            }
            if (e.getValue().size() != 1) {
                throw ApiException.badParameter(name, "parameter '" + name + "' given more than once");
            }
            String raw = e.getValue().get(0);
            if (raw == null || raw.isBlank()) {
                throw ApiException.badParameter(name, "parameter '" + name + "' is empty");
            }
            if (name.equals(Listing.LIMIT)) {
                limit = parseLimit(raw);
                limitGiven = true;
                continue;
            }
            if (name.equals(Listing.CURSOR)) {
                offset = decodeCursor(raw);
                continue;
            }
            Listing.Parameter p = listing.parameters().get(name);
            filters.put(name, raw);
            switch (p.kind()) {
                case LIST, ENUM_LIST -> {
                    List<String> values = List.copyOf(new LinkedHashSet<>(Arrays.asList(raw.trim().split("\\s+"))));
                    if (values.size() > MAX_VALUES) {
                        throw ApiException.badParameter(name, "more than " + MAX_VALUES + " values in '" + name + "'");
                    }
                    if (p.kind() == Listing.Kind.ENUM_LIST) {
                        for (String v : values) {
                            if (!p.values().contains(v)) {
                                throw ApiException.badParameter(name, "'" + v + "' is not a valid value of '" + name
                                        + "'; valid: " + String.join(", ", p.values().stream().sorted().toList()));
                            }
                        }
                    }
                    lists.put(name, values);
                }
                case DATE -> {
                    try {
                        dates.put(name, LocalDate.parse(raw.trim()));
                    } catch (DateTimeParseException ex) {
                        throw ApiException.badParameter(name, "'" + name + "' must be a date (YYYY-MM-DD)");
                    }
                }
                case TEXT -> {
                    if (raw.length() > MAX_Q) {
                        throw ApiException.badParameter(name, "'" + name + "' is longer than " + MAX_Q + " characters");
                    }
                    if (raw.indexOf('\0') >= 0) { // PostgreSQL text cannot hold it: it would fail the query (500)
                        throw ApiException.badParameter(name, "'" + name + "' must not contain a NUL character");
                    }
                    q = raw;
                }
            }
        }
        return new ListRequest(listing, lists, dates, q, limit, limitGiven, offset, filters);
    }

    /** The opaque cursor of a page offset. */
    public static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String raw) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw.trim()), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(text.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(Listing.CURSOR, "'cursor' is not a cursor of this server");
        }
    }

    private static int parseLimit(String raw) {
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= Listing.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badParameter(Listing.LIMIT, "'limit' must be an integer from 1 to " + Listing.MAX_LIMIT);
    }
}
