package org.lfenergy.cds.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * {@code cds.gateway.requests}: latency of every proxied request (until the last response byte), tagged with the
 * route (the data API's name such as {@code accounts}, {@code auth}, or {@code unknown}), the upstream service and the
 * HTTP status the client got.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished request. */
    public void record(String route, String upstream, int status, long nanos) {
        Timer.builder("cds.gateway.requests")
                .description("Requests through the gateway, by route, upstream service and status")
                .tag("route", route)
                .tag("upstream", upstream)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
