package org.lfenergy.cds.ingest.processing;

import java.time.Duration;

/**
 * The retry budget of a file's chunks: at most {@code maxAttempts} attempts per chunk (a chunk is known by its first
 * line; progress to the next chunk gives it a fresh budget), waiting {@code initial × 2^(n-1)} before retry n, never
 * more than {@code max}. Owned by the one thread processing the file.
 */
public final class ChunkRetries {

    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;
    private long chunkStart = -1;
    private int failures;

    public ChunkRetries(int maxAttempts, Duration initial, Duration max) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cds.ingest.kafka.retry.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("cds.ingest.kafka.retry backoffs must not be negative, got initial-backoff="
                    + initial + ", max-backoff=" + max);
        }
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
    }

    /** Records a failed attempt of the chunk starting at {@code firstLine}; whether another attempt is allowed. */
    public boolean anotherAttempt(long firstLine) {
        if (firstLine != chunkStart) {
            chunkStart = firstLine;
            failures = 0;
        }
        failures++;
        return failures < maxAttempts;
    }

    /** Failed attempts of the current chunk so far. */
    public int failures() {
        return failures;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the next attempt: doubled per failure of this chunk, capped. */
    public Duration backoff() {
        return backoff(initial, max, failures);
    }

    static Duration backoff(Duration initial, Duration max, int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 62);
        long millis = initial.toMillis();
        if (millis == 0) {
            return Duration.ZERO;
        }
        long scaled = doublings >= Long.numberOfLeadingZeros(millis) ? Long.MAX_VALUE : millis << doublings;
        return Duration.ofMillis(Math.min(scaled, max.toMillis()));
    }
}
