package org.lfenergy.cds.usage.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;
import org.lfenergy.cds.usage.mapping.Json;
import org.lfenergy.cds.usage.service.Page;
import org.lfenergy.cds.usage.service.PageLinks;

/** Shared pieces of the list endpoints: the list body with next/previous links, and the {@code q} parameter. */
final class Queries {

    private Queries() {
    }

    /** The {@code q} search text, or null; refuses empty and overlong values. */
    static String q(String q) {
        if (q == null) {
            return null;
        }
        String t = q.trim();
        if (t.isEmpty() || t.length() > 200) {
            throw new BadParameterException("q", "q must have 1 to 200 characters");
        }
        return t;
    }

    /** {@code {"<key>": [], "next": null, "previous": null}}. */
    static ObjectNode emptyList(String key) {
        ObjectNode o = Json.object();
        o.putArray(key);
        o.putNull("next");
        o.putNull("previous");
        return o;
    }

    /** The list body of one page. */
    static <T> ObjectNode listBody(String key, Page<T> page, Function<T, JsonNode> map, String base, UriInfo uri) {
        ObjectNode o = Json.object();
        ArrayNode items = o.putArray(key);
        for (T item : page.items()) {
            items.add(map.apply(item));
        }
        if (page.next() == null) {
            o.putNull("next");
        } else {
            o.put("next", PageLinks.link(base, uri, page.next()));
        }
        if (page.previous() == null) {
            o.putNull("previous");
        } else {
            o.put("previous", PageLinks.link(base, uri, page.previous()));
        }
        return o;
    }
}
