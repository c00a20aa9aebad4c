package org.lfenergy.cds.usage.service;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds the opaque {@code next}/{@code previous} URLs: the public base URL (the gateway's, {@code cds.public-base-url}),
 * the same path, every filter parameter of the request, and a new {@code cursor}.
 */
public final class PageLinks {

    private PageLinks() {
    }

    /** The URL of the page at {@code cursor}. */
    public static String link(String publicBaseUrl, UriInfo uri, PageCursor cursor) {
        StringBuilder sb = new StringBuilder(publicBaseUrl.replaceAll("/+$", "")).append(uri.getPath());
        char sep = '?';
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getKey().equals("cursor")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sep).append(enc(e.getKey())).append('=').append(enc(v));
                sep = '&';
            }
        }
        return sb.append(sep).append("cursor=").append(enc(cursor.encode())).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
