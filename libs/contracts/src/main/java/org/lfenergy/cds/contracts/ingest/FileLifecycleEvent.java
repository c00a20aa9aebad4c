package org.lfenergy.cds.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * The value of {@code gridx.files.v1}: one event per status change of a received file.
 *
 * @param fileId      the ingest service's id of the file (the topic key)
 * @param fileName    the file name as received
 * @param client      GridX client code from the name, null if the name could not be parsed
 * @param fileType    GridX file-type token (CUSTOMER, INTERVAL, …), null if the name could not be parsed
 * @param topic       the topic its rows go to, null if none
 * @param sizeBytes   size of the received bytes (compressed size for .gz)
 * @param md5         lower-case hex MD5 of the received bytes
 * @param status      the status reached
 * @param occurredAt  when that status was reached (UTC)
 * @param counts      row counters so far
 * @param timings     when each stage was reached
 * @param failure     why the file failed, null unless failed
 * @param duplicateOf the earlier file with the same bytes, null unless duplicate
 * @param digest      reconciliation result, only on a Daily Digest's events once checked, else null
 */
public record FileLifecycleEvent(
        String fileId,
        String fileName,
        String client,
        String fileType,
        String topic,
        Long sizeBytes,
        String md5,
        FileStatus status,
        Instant occurredAt,
        FileCounts counts,
        FileTimings timings,
        FileFailure failure,
        String duplicateOf,
        DigestReconciliation digest) {

    public FileLifecycleEvent {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        counts = counts == null ? FileCounts.ZERO : counts;
        timings = timings == null ? new FileTimings(null, null, null, null) : timings;
    }

    /** True when this is the file's last event. */
    @JsonIgnore
    public boolean isFinal() {
        return status.isFinal();
    }
}
