package org.lfenergy.cds.auth.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP body limit ({@code quarkus.http.limits.max-body-size}, 16 MB) answered like every other API error: a
 * {@code 413} with a JSON body {@code {"error":"payload_too_large","error_description":"... 16 MB (16777216 bytes)"}}
 * on every path, instead of the empty 413 of Vert.x.
 *
 * <p>A declared {@code Content-Length} above the limit is answered before anything reads the body. The rest of the body
 * is read and discarded (up to {@link #DRAIN_FACTOR} times the limit, then the connection is closed), so a client
 * that writes its whole body before reading the answer still gets the 413 instead of a reset. The limit comes
 * before authentication and routing: the answer is the same on every path, with or without a token.
 *
 * <p>Known gap: a chunked body (no {@code Content-Length}) is still limited by Quarkus while the endpoint reads it,
 * with its own answer (docs/auth.md).
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Error code of the 413 body. */
    public static final String ERROR = "payload_too_large";
    /** A client may send at most this many times the limit before the connection is closed on it. */
    static final int DRAIN_FACTOR = 4;

    private final long limit;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** The {@code error_description} of the 413. */
    public String description() {
        return "the request body exceeds the limit of " + (limit % (1 << 20) == 0 ? (limit >> 20) + " MB (" : "")
                + limit + " bytes" + (limit % (1 << 20) == 0 ? ")" : "");
    }

    void register(@Observes Router router) {
        // before Quarkus' own upload limit (order -2) and body handler, so ours answers first
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                ctx.next(); // Vert.x refuses a malformed length itself (400)
                return;
            }
            if (length > limit) {
                refuse(ctx);
                return;
            }
        }
        ctx.next();
    }

    /** Answers 413 and discards what the client still sends, closing the connection past the drain allowance. */
    private void refuse(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        long[] drained = {0};
        long allowance = limit * DRAIN_FACTOR;
        request.handler(buffer -> {
            drained[0] += buffer.length();
            if (drained[0] > allowance) {
                request.connection().close();
            }
        });
        request.exceptionHandler(e -> { });
        request.resume();
        if (!response.ended() && !response.headWritten()) {
            response.setStatusCode(413)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("error", ERROR).put("error_description", description())
                            .put("max_body_size", limit).encode());
        }
    }
}
