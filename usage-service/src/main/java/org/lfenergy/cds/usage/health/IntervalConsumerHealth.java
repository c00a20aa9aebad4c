package org.lfenergy.cds.usage.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.lfenergy.cds.usage.messaging.IntervalConsumers;

/**
 * Live while every INTERVAL consumer runs and polls: a consumer that ended, or that has not polled for longer than
 * {@code usage.intervals.max-poll-interval} (the group has then given its partitions away), would leave the read
 * model stale, and a restart is the cure. A batch that keeps failing is reported (data {@code failing_since},
 * {@code last_failure}) but does not make the service un-live: it is retried, and a restart would not fix it.
 */
@Liveness
@ApplicationScoped
public class IntervalConsumerHealth implements HealthCheck {

    private final IntervalConsumers consumers;

    public IntervalConsumerHealth(IntervalConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("usage intervals consumer");
        if (!consumers.enabled()) {
            return r.up().withData("enabled", false).build();
        }
        boolean up = true;
        for (IntervalConsumers.State s : consumers.states()) {
            boolean stuck = s.sinceLastPoll().compareTo(consumers.maxPollInterval()) > 0;
            up &= !s.ended() && !stuck;
            String state = s.ended() ? "ended" : stuck ? "stuck" : s.failingSince() != null ? "retrying" : "running";
            r.withData(s.name(), state + ", " + s.records() + " records in " + s.batches() + " batches, "
                    + s.failures() + " failed batches, last poll " + s.sinceLastPoll().toMillis() + " ms ago");
            if (s.failingSince() != null) {
                r.withData(s.name() + ".failing_since", s.failingSince());
                r.withData(s.name() + ".last_failure", String.valueOf(s.lastFailure()));
            }
        }
        return r.status(up).build();
    }
}
