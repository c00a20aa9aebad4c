package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gateway.config.GatewayConfig;

class ClientRateLimiterTest {

    private static GatewayConfig.Bucket bucket(int capacity, double perSecond) {
        return new GatewayConfig.Bucket() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public double refillPerSecond() {
                return perSecond;
            }
        };
    }

    private static GatewayConfig.RateLimit limits(boolean enabled, GatewayConfig.Bucket defaults,
            Map<String, GatewayConfig.Bucket> clients) {
        return new GatewayConfig.RateLimit() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public GatewayConfig.Bucket defaults() {
                return defaults;
            }

            @Override
            public Map<String, GatewayConfig.Bucket> clients() {
                return clients;
            }
        };
    }

    @Test
    void allowsABurstUpToCapacityThenAsksToWait() {
        AtomicLong now = new AtomicLong();
        ClientRateLimiter limiter = new ClientRateLimiter(limits(true, bucket(3, 0.5), Map.of()), now::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("c")).isEmpty();
        }
        assertThat(limiter.tryAcquire("c")).isEqualTo(OptionalLong.of(2));

        now.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("c")).isEqualTo(OptionalLong.of(1));
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("c")).isEmpty();
        assertThat(limiter.tryAcquire("c")).isPresent();
    }

    @Test
    void refillsNeverBeyondCapacity() {
        AtomicLong now = new AtomicLong();
        ClientRateLimiter limiter = new ClientRateLimiter(limits(true, bucket(2, 100), Map.of()), now::get);
        now.addAndGet(3_600_000_000_000L);
        assertThat(limiter.tryAcquire("c")).isEmpty();
        assertThat(limiter.tryAcquire("c")).isEmpty();
        assertThat(limiter.tryAcquire("c")).isPresent();
    }

    @Test
    void keepsOneBucketPerClientWithPerClientSettings() {
        AtomicLong now = new AtomicLong();
        ClientRateLimiter limiter = new ClientRateLimiter(
                limits(true, bucket(1, 0.001), Map.of("big", bucket(5, 0.001))), now::get);

        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("a")).isPresent();
        assertThat(limiter.tryAcquire("b")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("big")).isEmpty();
        }
        assertThat(limiter.tryAcquire("big")).isPresent();
    }

    @Test
    void limitsNothingWhenDisabled() {
        ClientRateLimiter limiter = new ClientRateLimiter(limits(false, bucket(1, 0.001), Map.of()), () -> 0L);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("c")).isEmpty();
        }
    }
}
