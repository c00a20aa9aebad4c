package org.lfenergy.cds.gateway.service;

import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lfenergy.cds.gateway.config.UpstreamsConfig;

/**
 * Sends requests to the services with one pooled Vert.x HTTP client per service, each behind its own
 * {@link CircuitBreaker}. Connection failures and timeouts count as failures; HTTP answers of any status are passed
 * on and count as successes; an open breaker answers 503 ({@link GatewayError#unavailable}) without calling the
 * service. The response comes back paused, so the caller can stream its body with back-pressure. Plain Vert.x
 * futures on the event loop: no Mutiny or fault-tolerance wrappers per call. {@code @Singleton}: no client proxy
 * between the routes and this bean.
 */
@Singleton
public class UpstreamProxy {

    private final Map<UpstreamService, Target> targets = new EnumMap<>(UpstreamService.class);

    /**
     * One service: where it is, its clients and guard. A request is sent with the client of the event loop it arrived
     * on ({@link #client()}), so its upstream connection lives on the same thread: no hand-over between event loops
     * on the way out or back.
     */
    record Target(UpstreamService service, String host, int port, boolean ssl, String origin, String basePath,
            Vertx vertx, HttpClientOptions options, Map<Thread, HttpClient> perEventLoop, HttpClient shared,
            long responseTimeoutMs, long breakerDelayMs, CircuitBreaker breaker) {

        HttpClient client() {
            if (!io.vertx.core.Context.isOnEventLoopThread()) {
                return shared;
            }
            return perEventLoop.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(options));
        }

        void close() {
            perEventLoop.values().forEach(HttpClient::close);
            shared.close();
        }
    }

    private final GatewayTracing tracing;

    public UpstreamProxy(Vertx vertx, UpstreamsConfig config, GatewayTracing tracing) {
        this.tracing = tracing;
        add(vertx, UpstreamService.AUTH, config.auth());
        add(vertx, UpstreamService.BILLING, config.billing());
        add(vertx, UpstreamService.USAGE, config.usage());
    }

    private void add(Vertx vertx, UpstreamService service, UpstreamsConfig.Upstream config) {
        URI uri = URI.create(config.url());
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        HttpClientOptions options = new HttpClientOptions()
                .setName("upstream-" + service.name().toLowerCase(Locale.ROOT))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnections())
                .setKeepAlive(true)
                .setSsl(ssl)
                .setDecompressionSupported(false);
        UpstreamsConfig.Breaker b = config.circuitBreaker();
        CircuitBreaker breaker = new CircuitBreaker(b.requestVolumeThreshold(), b.failureRatio(),
                b.delay().toNanos(), b.successThreshold(), System::nanoTime);
        String origin = (ssl ? "https://" : "http://") + uri.getHost() + ":" + port;
        targets.put(service, new Target(service, uri.getHost(), port, ssl, origin, basePath, vertx, options,
                new ConcurrentHashMap<>(), vertx.createHttpClient(options),
                config.responseTimeout().toMillis(), b.delay().toMillis(), breaker));
    }

    /** Seconds a caller should wait when the service's breaker is open. */
    public long retryAfterSeconds(UpstreamService service) {
        return Math.max(1, (targets.get(service).breakerDelayMs() + 999) / 1000);
    }

    /** The state of the service's circuit breaker. */
    public CircuitBreaker.State breakerState(UpstreamService service) {
        return targets.get(service).breaker().state();
    }

    /** Closes the service's circuit breaker (operations, tests). */
    public void resetBreaker(UpstreamService service) {
        targets.get(service).breaker().reset();
    }

    /**
     * Sends {@code in}'s method and body (if any) to {@code service} at {@code pathAndQuery} with {@code headers}.
     * The returned response is paused. Fails with a {@link GatewayException} (503) while the breaker is open, else
     * with the exchange's own failure (connection refused, timeout...). The call continues the trace of
     * {@code trace} (the request's SERVER span, {@link GatewayTracing}).
     */
    public Future<HttpClientResponse> send(UpstreamService service, HttpServerRequest in, String pathAndQuery,
            MultiMap headers, Context trace) {
        Target t = targets.get(service);
        CircuitBreaker breaker = t.breaker();
        long permit = breaker.tryAcquire();
        if (permit == CircuitBreaker.REFUSED) {
            return Future.failedFuture(GatewayError.unavailable(service.displayName()
                    + " is unavailable (circuit open)", retryAfterSeconds(service)).exception());
        }
        String uri = t.basePath() + pathAndQuery;
        Context call = tracing.startClient(trace, in.method(), service, t.host(), t.port(), t.origin(), uri, headers);
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(t.host())
                .setPort(t.port())
                .setSsl(t.ssl())
                .setURI(uri)
                .setHeaders(headers)
                .setIdleTimeout(t.responseTimeoutMs());
        boolean body = hasBody(in);
        return t.client().request(options)
                .compose(request -> {
                    if (body) {
                        return request.send(in);
                    }
                    in.resume(); // nothing to read; let the server side finish the (empty) request
                    return request.send();
                })
                .andThen(ar -> {
                    if (ar.succeeded()) {
                        ar.result().pause();
                        breaker.succeeded(permit);
                        tracing.endClient(trace, call, ar.result().statusCode(), null);
                    } else {
                        breaker.failed(permit);
                        tracing.endClient(trace, call, 0, ar.cause());
                    }
                });
    }

    private static boolean hasBody(HttpServerRequest in) {
        if (in.isEnded()) {
            return false;
        }
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return in.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    @PreDestroy
    void close() {
        targets.values().forEach(Target::close);
    }
}
