package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.lfenergy.cds.auth.repository.Page;
import org.lfenergy.cds.auth.service.ApiError;

/** Shared listing helpers: space-separated filters, offset paging with next/previous links. */
final class Listings {

    static final int PAGE_SIZE = 100;

    private Listings() {
    }

    static List<String> ids(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    static int offset(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("offset must be a non-negative integer");
        }
    }

    static void links(ObjectNode out, Page<?> page, String publicUrl, UriInfo uri, String prefix) {
        links(out, page, publicUrl, uri, prefix, null);
    }

    /** As above; {@code extra} (e.g. {@code list=unread}) replaces a parameter of the same name in the links. */
    static void links(ObjectNode out, Page<?> page, String publicUrl, UriInfo uri, String prefix, String extra) {
        String query = uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery()
                .replaceAll("(^|&)offset=[^&]*", "");
        if (extra != null) {
            String name = extra.substring(0, extra.indexOf('=') + 1);
            query = query.replaceAll("(^|&)" + java.util.regex.Pattern.quote(name) + "[^&]*", "");
            query = query.isEmpty() || query.equals("&") ? extra : query + "&" + extra;
        }
        String sep = query.isEmpty() ? "" : "&";
        if (query.startsWith("&")) {
            query = query.substring(1);
        }
        if (page.hasMore()) {
            out.put(prefix + "next", publicUrl + "?" + query + sep + "offset=" + (page.offset() + page.limit()));
        } else {
            out.putNull(prefix + "next");
        }
        if (page.offset() > 0) {
            out.put(prefix + "previous", publicUrl + "?" + query + sep + "offset=" + Math.max(0, page.offset() - page.limit()));
        } else {
            out.putNull(prefix + "previous");
        }
    }
}
