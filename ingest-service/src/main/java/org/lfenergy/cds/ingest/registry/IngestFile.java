package org.lfenergy.cds.ingest.registry;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One delivery of a GridX file as the registry knows it. */
public record IngestFile(
        UUID id,
        String name,
        String client,
        String fileType,
        String source,
        long sizeBytes,
        String md5,
        FileStatus status,
        UUID duplicateOf,
        OffsetDateTime receivedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long physicalLines,
        long dataRows,
        long publishedRows,
        long rejectedRows,
        long warnings,
        long committedThroughLine,
        Map<String, Long> rejectsByRule,
        String failure) {
}
