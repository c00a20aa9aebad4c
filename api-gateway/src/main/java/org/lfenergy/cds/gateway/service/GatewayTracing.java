package org.lfenergy.cds.gateway.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * The gateway's trace spans: one SERVER span per routed request (continuing the caller's W3C {@code traceparent}, or
 * starting a trace as the configured sampler decides) and one CLIENT span for its call to the service, whose context
 * the service receives in {@code traceparent} (and the caller's {@code baggage}).
 *
 * <p>Written here instead of by Quarkus' Vert.x HTTP instrumentation ({@code quarkus.otel.instrument.vertx-http} is
 * off in the gateway), which runs its attribute extractors on every request and every upstream call, before the
 * sampler and even when nothing is recorded. Here the sampler decides first and a span that is not recorded costs
 * only its ids: attributes are set and a CLIENT span is created only for recorded traces. An unrecorded trace is
 * still propagated (same trace id, sampled flag off) so the services make the same decision.
 */
@Singleton
public class GatewayTracing {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("cds.upstream");

    private static final TextMapGetter<MultiMap> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapSetter<MultiMap> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.set(key, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public GatewayTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.lfenergy.cds.gateway");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * Starts the SERVER span of a routed request.
     *
     * @param route the low-cardinality route ({@code /cds/v1/accounts}), or null (auth-service paths)
     * @return the context holding the span (and the caller's baggage)
     */
    public Context startServer(HttpServerRequest in, String route) {
        Context parent = propagator.extract(Context.root(), in.headers(), GETTER);
        String method = in.method().name();
        Span span = tracer.spanBuilder(route == null ? method : method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(METHOD, method);
            span.setAttribute(URL_PATH, in.path());
            span.setAttribute(URL_SCHEME, in.scheme() == null ? "http" : in.scheme());
            if (route != null) {
                span.setAttribute(ROUTE, route);
            }
            if (in.remoteAddress() != null) {
                span.setAttribute(CLIENT_ADDRESS, in.remoteAddress().hostAddress());
            }
            String agent = in.getHeader("User-Agent");
            if (agent != null) {
                span.setAttribute(USER_AGENT, agent);
            }
        }
        return parent.with(span);
    }

    /**
     * Runs {@code action} with the request's SERVER span as the current span when the trace is recorded, so what it
     * records can point at the trace (the Prometheus exemplars of {@code cds_gateway_requests}); else just runs it.
     */
    public void inRecordedSpan(Context server, Runnable action) {
        if (!Span.fromContext(server).isRecording()) {
            action.run();
            return;
        }
        try (Scope ignored = server.makeCurrent()) {
            action.run();
        }
    }

    /** Ends the SERVER span with the status the client got (5xx = error). */
    public void endServer(Context server, int status) {
        Span span = Span.fromContext(server);
        if (span.isRecording()) {
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(ERROR_TYPE, Integer.toString(status));
            }
        }
        span.end();
    }

    /**
     * Starts the CLIENT span of the call to {@code upstream} (only for a recorded trace) and writes the context the
     * service should continue into {@code headers}.
     *
     * @return the context of the call (the server's own when the trace is not recorded)
     */
    public Context startClient(Context server, HttpMethod method, UpstreamService upstream, String host, int port,
            String origin, String uri, MultiMap headers) {
        Context call = server;
        if (Span.fromContext(server).isRecording()) {
            Span span = tracer.spanBuilder(method.name())
                    .setParent(server)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(METHOD, method.name())
                    .setAttribute(SERVER_ADDRESS, host)
                    .setAttribute(SERVER_PORT, (long) port)
                    .setAttribute(URL_FULL, origin + uri)
                    .setAttribute(UPSTREAM, upstream.displayName())
                    .startSpan();
            call = server.with(span);
        }
        propagator.inject(call, headers, SETTER);
        return call;
    }

    /** Ends the CLIENT span: the service's status, or the failure that stopped the exchange. */
    public void endClient(Context server, Context call, int status, Throwable failure) {
        if (call == server) {
            return; // no CLIENT span: the trace is not recorded
        }
        Span span = Span.fromContext(call);
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        } else {
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(ERROR_TYPE, Integer.toString(status));
            }
        }
        span.end();
    }
}
