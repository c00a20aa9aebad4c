package org.lfenergy.cds.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code cds.gateway.requests}: latency of every proxied request (until the last response byte), tagged with the
 * route (the data API's name such as {@code accounts}, {@code auth}, or {@code unknown}), the upstream service and the
 * HTTP status the client got.
 */
@Singleton // no client proxy on the per-request path
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished request. */
    public void record(String route, String upstream, int status, long nanos) {
        // one lookup per request instead of building and registering the meter id each time
        timers.computeIfAbsent(route + '\u0000' + upstream + '\u0000' + status, k -> timer(route, upstream, status))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String route, String upstream, int status) {
        return Timer.builder("cds.gateway.requests")
                .description("Requests through the gateway, by route, upstream service and status")
                .tag("route", route)
                .tag("upstream", upstream)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry);
    }
}
