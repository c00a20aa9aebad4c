package org.lfenergy.cds.billing.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.lfenergy.cds.billing.service.Projector;

/** Live while the projector loop keeps completing passes (a stuck loop would leave the read model stale). */
@Liveness
@ApplicationScoped
public class ProjectorHealthCheck implements HealthCheck {

    private static final Duration STALL = Duration.ofMinutes(2);

    private final Projector projector;

    public ProjectorHealthCheck(Projector projector) {
        this.projector = projector;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = projector.lastRun();
        boolean up = last.isAfter(Instant.now().minus(STALL));
        return HealthCheckResponse.named("billing projector").status(up)
                .withData("last_pass", last.toString()).withData("backlog", projector.backlog()).build();
    }
}
