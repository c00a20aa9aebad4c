package org.lfenergy.cds.ingest.digest;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One file listed in a Daily Digest and its reconciliation status ({@code missing}, {@code matched}, {@code mismatched}). */
public record DigestEntry(UUID digestFileId, long line, String client, String listedName, long expectedLines,
                          String expectedMd5, String status, UUID matchedFileId, String ruleId, String reason,
                          OffsetDateTime checkedAt) {
}
