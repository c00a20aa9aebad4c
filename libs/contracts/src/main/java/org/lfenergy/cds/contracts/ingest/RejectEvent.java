package org.lfenergy.cds.contracts.ingest;

import java.time.Instant;
import java.util.Objects;
import org.lfenergy.cds.contracts.EventSource;

/**
 * The value of {@code gridx.rejects.v1}: one finding about one source row (quarantine and data-quality feed).
 *
 * <p>A row with several findings produces several events (one per rule and column).
 *
 * @param client     GridX client code
 * @param source     file and line of the row (same shape as in row events)
 * @param fileType   GridX file-type token, e.g. {@code BILLING}
 * @param column     the column concerned, null for row-level findings
 * @param value      the offending value as sent, null for row-level findings
 * @param ruleId     stable rule id, e.g. {@code GX-ROW-DATE}
 * @param severity   what the finding did to the row
 * @param message    human-readable explanation
 * @param rawRow     the row's raw text as read, cut to {@link #MAX_RAW_ROW_CHARS} characters (then ending in
 *                   {@code …}) so one event stays far below Kafka's 1 MB message size; null if unavailable
 * @param detectedAt when the finding was made (UTC)
 */
public record RejectEvent(
        String client,
        EventSource source,
        String fileType,
        String column,
        String value,
        String ruleId,
        RejectSeverity severity,
        String message,
        String rawRow,
        Instant detectedAt) {

    /**
     * Longest raw row an event carries. The reader keeps up to 1 Mi characters of a record (up to 4 MB in UTF-8):
     * a reject of such a row would exceed Kafka's message size and fail the whole file's transaction.
     */
    public static final int MAX_RAW_ROW_CHARS = 64 * 1024;

    public RejectEvent {
        if (rawRow != null && rawRow.length() > MAX_RAW_ROW_CHARS) {
            rawRow = rawRow.substring(0, MAX_RAW_ROW_CHARS) + "…";
        }
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
    }
}
