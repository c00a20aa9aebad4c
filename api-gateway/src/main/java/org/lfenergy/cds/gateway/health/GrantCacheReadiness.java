package org.lfenergy.cds.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.lfenergy.cds.gateway.messaging.GrantCache;

/** Ready only once the grant cache has read {@code cds.grants.v1} to its end: before that a revoked grant could pass. */
@Readiness
@ApplicationScoped
public class GrantCacheReadiness implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "Grant cache";

    private final GrantCache cache;

    public GrantCacheReadiness(GrantCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(cache.isCaughtUp()).withData("grants", cache.size()).build();
    }
}
