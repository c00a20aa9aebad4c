package org.lfenergy.cds.usage.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lfenergy.cds.usage.rest.BadParameterException;

/**
 * The opaque {@code cursor} URL parameter of next/previous links: the sort-key values of the last (or first) row
 * of a page and the direction, base64url JSON. Carries no access: every page is filtered again.
 *
 * @param backward true for a "previous" page (rows before the key)
 * @param values   the sort-key values as text
 */
public record PageCursor(boolean backward, List<String> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The URL parameter value. */
    public String encode() {
        List<String> all = new ArrayList<>();
        all.add(backward ? "p" : "n");
        all.addAll(values);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(all));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a cursor; null when absent. */
    public static PageCursor decode(String value, int expectedValues) {
        if (value == null) {
            return null;
        }
        try {
            List<String> all = JSON.readValue(Base64.getUrlDecoder().decode(value.trim()), new TypeReference<>() {
            });
            if (all.size() == expectedValues + 1 && ("n".equals(all.get(0)) || "p".equals(all.get(0)))) {
                return new PageCursor("p".equals(all.get(0)), List.copyOf(all.subList(1, all.size())));
            }
        } catch (Exception e) {
            // fall through
        }
        throw new BadParameterException("cursor", "cursor is not a cursor issued by this API");
    }

}
