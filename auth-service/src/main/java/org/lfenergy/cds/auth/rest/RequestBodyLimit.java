package org.lfenergy.cds.auth.rest;

import io.netty.buffer.ByteBufInputStream;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

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
 * <p>A body without {@code Content-Length} (HTTP/1.1 {@code Transfer-Encoding: chunked}), JSON, binary or an HTML form
 * alike, is read here and counted; past the limit it gets the same JSON 413 and the rest is discarded the same way.
 * Within the limit it is handed to RESTEasy Reactive as the request's entity stream ({@link #handOver}, a pre-matching
 * filter). Only setting it as the routing context's body is not enough: RESTEasy Reactive's {@code InputHandler} reads
 * nothing for a request that counts as ended, and a routing-context body above {@code quarkus.rest.input-buffer-size}
 * (10 kB) makes it race a blocking stream against the in-memory one, which lost the body (docs/auth.md "Request
 * bodies").
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Error code of the 413 body. */
    public static final String ERROR = "payload_too_large";
    /** A client may send at most this many times the limit before the connection is closed on it. */
    static final int DRAIN_FACTOR = 4;
    /** Routing context key of a body of undeclared length that was read here (a {@link Buffer}). */
    static final String BUFFERED_BODY = RequestBodyLimit.class.getName() + ".body";

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
        } else if (request.getHeader("Transfer-Encoding") != null && !request.isEnded()) {
            buffer(ctx);
            return;
        }
        ctx.next();
    }

    /** Reads a body of undeclared length up to the limit, then passes it on as the routing context's body. */
    private void buffer(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuse(ctx); // replaces this handler with the draining one
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0] && !ctx.response().ended()) {
                RoutingContextInternal internal = (RoutingContextInternal) ctx;
                internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
                internal.setBody(body);
                ctx.put(BUFFERED_BODY, body);
                ctx.next();
            }
        });
        request.exceptionHandler(e -> {
            if (!refused[0] && !ctx.response().ended()) {
                ctx.fail(400, e);
            }
        });
        request.resume();
    }

    /**
     * Gives RESTEasy Reactive a body read by {@link #buffer} as the request's entity stream, before its own input
     * handler would try to read the (already ended) request.
     */
    @ServerRequestFilter(preMatching = true)
    public void handOver(ContainerRequestContext request, ServerRequestContext server) {
        RoutingContext ctx = ((ResteasyReactiveRequestContext) server).serverRequest().unwrap(RoutingContext.class);
        Buffer body = ctx == null ? null : ctx.get(BUFFERED_BODY);
        if (body != null) {
            request.setEntityStream(new ByteBufInputStream(body.getByteBuf()));
        }
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
