package org.lfenergy.cds.gateway.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lfenergy.cds.contracts.grant.GrantEvent;

/**
 * The current state of every CDS grant, as last published on {@code cds.grants.v1}. Written by one consumer thread,
 * read by every request; a change is visible to the next request as soon as it is applied.
 */
@Singleton // no client proxy on the per-request path
public class GrantCache {

    private final Map<String, GrantEvent> grants = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    public GrantCache(MeterRegistry registry) {
        registry.gaugeMapSize("cds.gateway.grants.cached", java.util.List.of(), grants);
    }

    /** The grant's last state; empty when unknown or deleted (no access). */
    public Optional<GrantEvent> get(String grantId) {
        return grantId == null ? Optional.empty() : Optional.ofNullable(grants.get(grantId));
    }

    /** Stores a grant's new state. */
    void put(GrantEvent grant) {
        grants.put(grant.grantId(), grant);
    }

    /** Forgets a grant (tombstone, or an event that could not be read: fail closed). */
    void remove(String grantId) {
        grants.remove(grantId);
    }

    /** Number of grants held. */
    public int size() {
        return grants.size();
    }

    /** Whether the topic has been read up to where it ended when the gateway started reading it. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    void markCaughtUp() {
        caughtUp = true;
    }
}
