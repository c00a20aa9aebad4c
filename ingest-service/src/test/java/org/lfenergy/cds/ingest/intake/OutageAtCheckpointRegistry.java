package org.lfenergy.cds.ingest.intake;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.lfenergy.cds.ingest.registry.FileCounts;
import org.lfenergy.cds.ingest.registry.FileRegistry;

/**
 * The real registry, with one fault-injection point for {@link DatabaseOutageTest}: armed for a delivery, the next
 * checkpoint of that delivery (written right after its chunk's Kafka transaction committed) first runs the armed
 * outage, which takes the real database away, so the checkpoint then fails as PostgreSQL makes it fail. Enabled only
 * in that test's profile.
 */
@Alternative
@ApplicationScoped
public class OutageAtCheckpointRegistry extends FileRegistry {

    /** An armed outage: for this delivery, run this, then report the checkpoint's line. */
    record Armed(UUID fileId, Runnable outage, CompletableFuture<Long> failedAtLine) {
    }

    static final AtomicReference<Armed> ARMED = new AtomicReference<>();

    @jakarta.inject.Inject
    public OutageAtCheckpointRegistry(Pool pool) {
        super(pool);
    }

    /** For the client proxy only. */
    protected OutageAtCheckpointRegistry() {
        super(null);
    }

    @Override
    public void checkpoint(UUID id, FileCounts counts) {
        Armed armed = ARMED.get();
        if (armed != null && armed.fileId().equals(id) && ARMED.compareAndSet(armed, null)) {
            armed.outage().run();
            armed.failedAtLine().complete(counts.committedThroughLine);
        }
        super.checkpoint(id, counts);
    }
}
