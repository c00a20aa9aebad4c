package org.lfenergy.cds.billing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.billing.mapping.AccountProjector;
import org.lfenergy.cds.billing.mapping.MappingSettings;

import org.lfenergy.cds.billing.repository.ProjectionRepository;

/**
 * Rebuilds the CDS objects of dirty accounts from their facts, a batch of accounts per transaction, in one
 * loop. One transaction-scoped advisory lock keeps several instances from rebuilding at the same time (each rebuild
 * reads a consistent set of facts, so the last writer is always right).
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);
    private static final long LOCK = 0x62696c6cL; // "bill"

    private final Pool pool;
    private final Vertx vertx;
    private final ProjectionRepository repository;
    private final AccountProjector projector;
    private final BillingConfig.ProjectorConfig config;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicReference<Instant> lastRun = new AtomicReference<>(Instant.now());
    private final Counter rebuilt;
    private final Counter failures;
    private volatile boolean running;

    public Projector(Pool pool, Vertx vertx, ProjectionRepository repository, BillingConfig config,
                     IdService ids, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.repository = repository;
        this.projector = new AccountProjector(MappingSettings.from(config, Clock.systemUTC()), ids.ids());
        this.config = config.projector();
        Gauge.builder("billing.projector.backlog", backlog, AtomicLong::get)
                .description("Accounts waiting for their CDS objects to be rebuilt").register(registry);
        this.rebuilt = Counter.builder("billing.projector.accounts").description("Accounts rebuilt")
                .register(registry);
        this.failures = Counter.builder("billing.projector.failures").description("Failed rebuild transactions")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        schedule(0);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** When the loop last completed a pass (for the liveness check). */
    public Instant lastRun() {
        return lastRun.get();
    }

    /** Accounts waiting to be rebuilt, as of the last idle pass. */
    public long backlog() {
        return backlog.get();
    }

    private void schedule(long delayMillis) {
        if (!running) {
            return;
        }
        Runnable pass = () -> runOnce().subscribe().with(
                count -> {
                    lastRun.set(Instant.now());
                    schedule(count > 0 ? 0 : config.idleMillis());
                },
                failure -> {
                    failures.increment();
                    LOG.warnf(failure, "projector pass failed; retrying");
                    lastRun.set(Instant.now());
                    schedule(Math.max(1000, config.idleMillis()));
                });
        if (delayMillis <= 0) {
            vertx.runOnContext(pass);
        } else {
            vertx.setTimer(delayMillis, id -> pass.run());
        }
    }

    /** One transaction: takes a batch of dirty accounts and replaces their CDS objects; gives the batch size. */
    public Uni<Integer> runOnce() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK))
                .chain(() -> repository.takeDirty(conn, config.batchSize()))
                .chain(keys -> {
                    if (keys.isEmpty()) {
                        return repository.backlog(conn).invoke(backlog::set).replaceWith(0);
                    }
                    return repository.load(conn, keys)
                            .map(facts -> facts.stream().map(projector::project).toList())
                            .chain(projections -> repository.replace(conn, projections))
                            .invoke(() -> rebuilt.increment(keys.size()))
                            .replaceWith(keys.size());
                }));
    }

    /** Rebuilds until nothing is dirty (used by tests and the benchmark loader). */
    public Uni<Void> drain() {
        return runOnce().chain(n -> n > 0 ? drain() : Uni.createFrom().voidItem());
    }

}
