package org.lfenergy.cds.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.gateway.messaging.GrantCache;

/** Publishes a grant event and waits until the gateway's cache holds exactly that state. */
public final class Grants {

    private Grants() {
    }

    /** Publishes {@code grant} and waits until the cache has applied it. */
    public static GrantEvent publishAndAwait(GrantCache cache, GrantEvent grant) {
        GrantEvents.get().publish(grant);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> cache.get(grant.grantId()).filter(g -> g.status() == grant.status()
                        && Objects.equals(g.scopes(), grant.scopes()) && Objects.equals(g.clientId(), grant.clientId()))
                        .isPresent());
        return grant;
    }

    /** Publishes a tombstone and waits until the cache has forgotten the grant. */
    public static void deleteAndAwait(GrantCache cache, String grantId) {
        GrantEvents.get().delete(grantId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> cache.get(grantId).isEmpty());
    }
}
