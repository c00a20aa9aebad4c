package org.lfenergy.cds.ingest.validation;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.lfenergy.cds.ingest.config.IngestConfig;
import org.lfenergy.cds.gridx.format.validation.CrossRowValidator;

/** One cross-row validator per client, backed by {@link PostgresValidationStore}. Used from the single worker thread. */
@ApplicationScoped
public class CrossRowValidation {

    private final Pool pool;
    private final int maxHours;
    private final int maxRegisters;
    private final Map<String, CrossRowValidator> byClient = new HashMap<>();

    public CrossRowValidation(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.maxHours = config.validation().usageWindowHours();
        this.maxRegisters = config.validation().usageWindowRegisters();
    }

    public synchronized CrossRowValidator forClient(String client) {
        return byClient.computeIfAbsent(client, c ->
                new CrossRowValidator(new PostgresValidationStore(pool, c, new BoundedUsageWindow(maxHours, maxRegisters))));
    }

    /**
     * Forgets the client's validator, so the next {@link #forClient} starts from the PostgreSQL store alone, as after
     * a restart. Used before a file is read again from the top (a chunk published again): the in-memory state of the
     * dropped attempt (per-file sums, the usage window) would otherwise count its rows twice.
     */
    public synchronized void restart(String client) {
        byClient.remove(client);
    }
}
