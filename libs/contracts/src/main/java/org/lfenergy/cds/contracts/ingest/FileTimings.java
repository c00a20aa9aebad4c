package org.lfenergy.cds.contracts.ingest;

import java.time.Instant;

/**
 * When a file reached each stage (UTC); null until reached.
 *
 * @param finishedAt when it became completed, failed or duplicate
 */
public record FileTimings(Instant receivedAt, Instant validationStartedAt, Instant publishedAt, Instant finishedAt) {
}
