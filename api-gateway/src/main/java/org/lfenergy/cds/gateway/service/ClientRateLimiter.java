package org.lfenergy.cds.gateway.service;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.lfenergy.cds.gateway.config.GatewayConfig;

/**
 * Per-client token buckets: each client may burst up to {@code capacity} requests and sustain
 * {@code refill-per-second}. Buckets exist only for clients that presented a valid token, so their number is bounded
 * by the registered clients.
 */
@Singleton // no client proxy on the per-request path
public class ClientRateLimiter {

    private final GatewayConfig.RateLimit config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    @jakarta.inject.Inject
    public ClientRateLimiter(GatewayConfig config) {
        this(config.rateLimit(), System::nanoTime);
    }

    ClientRateLimiter(GatewayConfig.RateLimit config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
    }

    /** Takes one token of the client's bucket: empty when allowed, else the seconds until a token is available. */
    public OptionalLong tryAcquire(String clientId) {
        if (!config.enabled()) {
            return OptionalLong.empty();
        }
        GatewayConfig.Bucket settings = config.clients().getOrDefault(clientId, config.defaults());
        return buckets.computeIfAbsent(clientId, id -> new Bucket(settings.capacity(), settings.refillPerSecond(),
                nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    /** One client's bucket. */
    static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, double refillPerSecond, long now) {
            this.capacity = Math.max(1, capacity);
            this.perNano = Math.max(refillPerSecond, 1e-9) / 1e9;
            this.tokens = this.capacity;
            this.last = now;
        }

        synchronized OptionalLong take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            double waitNanos = (1 - tokens) / perNano;
            return OptionalLong.of((long) Math.ceil(waitNanos / 1e9));
        }
    }
}
