package org.lfenergy.cds.ingest.processing;

import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * Where the rows of one file go, in chunks: everything sent between {@link #begin()} and {@link #commit()} becomes
 * visible to consumers together or not at all. One sink serves one file at a time, from one thread.
 */
public interface RowSink {

    void begin();

    /** A good row: one event on the row's topic. */
    void accepted(IngestFile file, GridxRow row);

    /** A rejected row: one quarantine event per row, carrying every rejecting finding and the raw row. */
    void rejected(IngestFile file, GridxRow row, List<Finding> rejections);

    /**
     * Adds the chunk's checkpoint to it: after the commit, {@link #lastCheckpoint(IngestFile)} reports the delivery as
     * committed through {@code committedThroughLine}; if the chunk is dropped, it reports what it did before.
     */
    void checkpoint(IngestFile file, long committedThroughLine);

    /**
     * The last checkpoint committed for this delivery, if any (called before a resumed delivery opens its first
     * chunk; any transaction this sink's transactional id left open is aborted first). Throws
     * {@link ChunkPublishException} if Kafka could not be read ({@code retriable()}: the look-up may be repeated).
     */
    java.util.Optional<ChunkCheckpoint> lastCheckpoint(IngestFile file);

    /**
     * Makes the chunk visible; returns once the broker has acknowledged all of it. On failure throws
     * {@link ChunkPublishException}, whose {@link ChunkPublishException#recovery() recovery} says whether this call
     * may be repeated ({@code RETRY_COMMIT}: the chunk is still pending) or the chunk was dropped.
     */
    void commit();

    /** Drops the open (or pending) chunk. */
    void abort();
}
