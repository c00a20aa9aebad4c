package org.lfenergy.cds.gateway.service;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.lfenergy.cds.gateway.config.UpstreamsConfig;

/**
 * Sends requests to the services with one pooled Vert.x HTTP client per service, each behind its own SmallRye Fault
 * Tolerance circuit breaker ({@code upstream-auth}, {@code upstream-billing}, {@code upstream-usage}). Connection
 * failures and timeouts count as failures; HTTP answers of any status are passed on and count as successes. The
 * response comes back paused, so the caller can stream its body with back-pressure.
 */
@ApplicationScoped
public class UpstreamProxy {

    private final Map<UpstreamService, Target> targets = new EnumMap<>(UpstreamService.class);

    /** One service: where it is, its client and guard. */
    record Target(UpstreamService service, String host, int port, boolean ssl, String basePath, HttpClient client,
            long responseTimeoutMs, long breakerDelayMs, TypedGuard<Uni<HttpClientResponse>> guard) {
    }

    public UpstreamProxy(Vertx vertx, UpstreamsConfig config) {
        add(vertx, UpstreamService.AUTH, config.auth());
        add(vertx, UpstreamService.BILLING, config.billing());
        add(vertx, UpstreamService.USAGE, config.usage());
    }

    /** Name of a service's circuit breaker (for {@link CircuitBreakerMaintenance}). */
    public static String breakerName(UpstreamService service) {
        return "upstream-" + service.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void add(Vertx vertx, UpstreamService service, UpstreamsConfig.Upstream config) {
        URI uri = URI.create(config.url());
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setName("upstream-" + service.name().toLowerCase(java.util.Locale.ROOT))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnections())
                .setKeepAlive(true)
                .setSsl(ssl)
                .setDecompressionSupported(false));
        UpstreamsConfig.Breaker b = config.circuitBreaker();
        TypedGuard<Uni<HttpClientResponse>> guard = TypedGuard.create(new TypeLiteral<Uni<HttpClientResponse>>() {
                })
                .withDescription(service.displayName())
                .withCircuitBreaker()
                .name(breakerName(service))
                .requestVolumeThreshold(b.requestVolumeThreshold())
                .failureRatio(b.failureRatio())
                .delay(b.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(b.successThreshold())
                .done()
                .withThreadOffload(false)
                .build();
        targets.put(service, new Target(service, uri.getHost(), port, ssl, basePath, client,
                config.responseTimeout().toMillis(), b.delay().toMillis(), guard));
    }

    /** Seconds a caller should wait when the service's breaker is open. */
    public long retryAfterSeconds(UpstreamService service) {
        return Math.max(1, (targets.get(service).breakerDelayMs() + 999) / 1000);
    }

    /** Whether the service's circuit breaker currently refuses calls. */
    public boolean isOpen(UpstreamService service) {
        return CircuitBreakerMaintenance.get().currentState(breakerName(service)) == CircuitBreakerState.OPEN;
    }

    /**
     * Sends {@code in}'s method and body (if any) to {@code service} at {@code pathAndQuery} with {@code headers}.
     * The returned response is paused.
     */
    public Uni<HttpClientResponse> send(UpstreamService service, HttpServerRequest in, String pathAndQuery,
            MultiMap headers) {
        Target t = targets.get(service);
        return t.guard().get(() -> exchange(t, in, pathAndQuery, headers));
    }

    private static Uni<HttpClientResponse> exchange(Target t, HttpServerRequest in, String pathAndQuery,
            MultiMap headers) {
        return Uni.createFrom().emitter(emitter -> {
            RequestOptions options = new RequestOptions()
                    .setMethod(in.method())
                    .setHost(t.host())
                    .setPort(t.port())
                    .setSsl(t.ssl())
                    .setURI(t.basePath() + pathAndQuery)
                    .setHeaders(headers)
                    .setIdleTimeout(t.responseTimeoutMs());
            boolean body = hasBody(in);
            t.client().request(options)
                    .compose(request -> {
                        if (body) {
                            return request.send(in);
                        }
                        in.resume(); // nothing to read; let the server side finish the (empty) request
                        return request.send();
                    })
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            ar.result().pause();
                            emitter.complete(ar.result());
                        } else {
                            emitter.fail(ar.cause());
                        }
                    });
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
        targets.values().forEach(t -> t.client().close());
    }
}
