package org.lfenergy.cds.gateway.service;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.lfenergy.cds.contracts.access.AccessFilter;

/** Which headers cross the gateway in each direction. */
public final class ForwardedHeaders {

    /** Hop-by-hop headers (RFC 9110 §7.6.1) and Host: they describe one connection, never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host");

    /**
     * The caller's trace context (W3C Trace Context and Baggage): the gateway continues it in its own span, and its
     * HTTP client sends that span's context to the service. Forwarding the caller's copy too would make the service a
     * sibling of the gateway instead of its child.
     */
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate", "baggage");

    /** Never forwarded to auth-service: hop-by-hop, a client's access filter, the caller's trace context. */
    private static final Set<String> DROPPED_AUTH = union(HOP_BY_HOP, TRACE_CONTEXT,
            Set.of(AccessFilter.HEADER.toLowerCase(Locale.ROOT)));

    /** Never forwarded to billing-/usage-service: as {@link #DROPPED_AUTH} plus the client's credentials. */
    private static final Set<String> DROPPED_DATA = union(DROPPED_AUTH, Set.of("authorization", "cookie"));

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    private ForwardedHeaders() {
    }

    /**
     * The request headers for a service. A client's own {@code X-CDS-Access-Filter} is always dropped (only the
     * gateway issues filters). For the data APIs the credentials ({@code Authorization}, {@code Cookie}) stay at
     * the gateway too: the domain services trust the signed filter, not the token.
     */
    public static MultiMap request(HttpServerRequest in, boolean dataApi) {
        Set<String> named = namedByConnection(in.headers());
        Set<String> always = dataApi ? DROPPED_DATA : DROPPED_AUTH;
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!always.contains(name) && !named.contains(name)) {
                out.add(e.getKey(), e.getValue());
            }
        });
        String client = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        if (client != null) {
            String previous = in.getHeader("X-Forwarded-For");
            out.set("X-Forwarded-For", previous == null || previous.isBlank() ? client : previous + ", " + client);
        }
        if (in.getHeader("X-Forwarded-Proto") == null) {
            out.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        }
        if (in.getHeader("X-Forwarded-Host") == null && in.authority() != null) {
            out.set("X-Forwarded-Host", in.authority().toString());
        }
        return out;
    }

    /** Adds the response headers for the client to {@code out}: everything but hop-by-hop headers. */
    public static void copyResponse(MultiMap upstream, MultiMap out) {
        Set<String> named = namedByConnection(upstream);
        upstream.forEach(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                out.add(e.getKey(), e.getValue());
            }
        });
    }

    /** The headers the {@code Connection} header names (hop-by-hop too); usually none. */
    private static Set<String> namedByConnection(MultiMap headers) {
        if (!headers.contains("connection")) {
            return Set.of();
        }
        Set<String> drop = new HashSet<>();
        for (String connection : headers.getAll("connection")) {
            for (String token : connection.split(",")) {
                if (!token.isBlank()) {
                    drop.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return drop;
    }
}
