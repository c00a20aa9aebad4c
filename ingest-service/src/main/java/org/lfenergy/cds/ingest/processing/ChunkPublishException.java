package org.lfenergy.cds.ingest.processing;

/**
 * A chunk could not be committed. {@link #recovery()} says what state the sink is in and so what the caller may do;
 * the message names the cause (exception type and broker message).
 */
public final class ChunkPublishException extends RuntimeException {

    /** What a caller may do after the failure. */
    public enum Recovery {
        /**
         * The commit request may have reached the broker (it timed out waiting for the answer): the chunk is neither
         * visible nor dropped yet. Only calling {@link RowSink#commit()} again is safe (re-publishing it could
         * duplicate it); {@link RowSink#abort()} gives up.
         */
        RETRY_COMMIT,
        /** The chunk was aborted (nothing of it is visible): publish it again from the last committed line. */
        REPUBLISH,
        /** Retrying cannot help: the chunk was aborted; the file fails. */
        NONE
    }

    private final Recovery recovery;
    private final String causeName;

    /** {@code causeName}: the short name of the underlying error (e.g. {@code NotEnoughReplicasException}). */
    public ChunkPublishException(Recovery recovery, String causeName, String message, Throwable cause) {
        super(message, cause);
        this.recovery = recovery;
        this.causeName = causeName;
    }

    public String causeName() {
        return causeName;
    }

    public Recovery recovery() {
        return recovery;
    }

    public boolean retriable() {
        return recovery != Recovery.NONE;
    }
}
