package org.lfenergy.cds.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The services behind the gateway (prefix {@code cds.services}); env e.g. {@code CDS_SERVICES_BILLING_URL}. */
@ConfigMapping(prefix = "cds.services")
public interface UpstreamsConfig {

    /** auth-service: metadata, OAuth, registration, client/grant administration, consent pages. */
    Upstream auth();

    /** billing-service: accounts, service contracts, bill statements, bill sections. */
    Upstream billing();

    /** usage-service: service points, meter devices, usage segments, aggregations, EACs. */
    Upstream usage();

    /** How to reach one service and when to give up on it. */
    interface Upstream {

        /** Base URL, e.g. {@code http://127.0.0.1:8082}; request paths are appended unchanged. */
        String url();

        /** Time allowed to open a TCP connection. */
        @WithDefault("2S")
        Duration connectTimeout();

        /**
         * Time allowed without any bytes from the service: until the response head arrives, and between body chunks
         * while streaming. Exceeded before the head: 504; afterwards the client connection is reset.
         */
        @WithDefault("15S")
        Duration responseTimeout();

        /** Pooled connections per service and event loop (each event loop has its own pool). */
        @WithDefault("64")
        int maxConnections();

        /** Circuit breaker over connection failures and timeouts of this service. */
        Breaker circuitBreaker();
    }

    /** SmallRye Fault Tolerance circuit breaker settings. */
    interface Breaker {

        /** Rolling window of calls the failure ratio is computed over. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Failure ratio in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before letting trial calls through (also the 503 Retry-After). */
        @WithDefault("5S")
        Duration delay();

        /** Successful trial calls needed to close it again. */
        @WithDefault("2")
        int successThreshold();
    }
}
