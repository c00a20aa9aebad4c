package org.lfenergy.cds.usage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes a batch so that the channel never stops on bad data: a data error (SQLSTATE class 22/23) splits the batch
 * in halves until the offending items are found, logged, counted and skipped; any other error (database down) is
 * retried with back-off, so nothing is acknowledged before it is stored (at-least-once).
 */
@ApplicationScoped
public class ResilientWrite {

    private static final Logger LOG = Logger.getLogger(ResilientWrite.class);
    private static final int MAX_ATTEMPTS = 60;

    /** A write of a list of items. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(List<T> items) throws SQLException;
    }

    private final MeterRegistry registry;

    public ResilientWrite(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Writes the items, isolating and skipping items the database refuses. */
    public <T> void write(String topic, List<T> items, Writer<T> writer) {
        if (items.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                writer.write(items);
                return;
            } catch (SQLException e) {
                if (isDataError(e)) {
                    if (items.size() == 1) {
                        LOG.errorf("Skipping one %s item the database refuses (%s): %s", topic, e.getSQLState(),
                                e.getMessage());
                        registry.counter("usage.events.skipped", "topic", topic, "reason", "database_refused")
                                .increment();
                        return;
                    }
                    int half = items.size() / 2;
                    write(topic, items.subList(0, half), writer);
                    write(topic, items.subList(half, items.size()), writer);
                    return;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    LOG.errorf(e, "Giving up a %s batch of %d items after %d attempts", topic, items.size(), attempt);
                    registry.counter("usage.events.skipped", "topic", topic, "reason", "write_failed")
                            .increment(items.size());
                    return;
                }
                LOG.warnf("Write of %s batch failed (attempt %d, %s), retrying: %s", topic, attempt, e.getSQLState(),
                        e.getMessage());
                sleep(Math.min(5000L, 100L * attempt * attempt));
            }
        }
    }

    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", ie);
        }
    }
}
