package org.lfenergy.cds.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * Result of checking a Daily Digest against the files received; carried by the digest file's lifecycle events.
 *
 * @param checkedAt  when the comparison ran (UTC)
 * @param listed     files the digest lists
 * @param matched    listed files received with matching line count and MD5
 * @param missing    listed files not received
 * @param mismatched listed files received with a different line count or MD5
 */
public record DigestReconciliation(Instant checkedAt, int listed, int matched, List<DigestDiscrepancy> missing,
                                   List<DigestDiscrepancy> mismatched) {

    public DigestReconciliation {
        missing = missing == null ? List.of() : List.copyOf(missing);
        mismatched = mismatched == null ? List.of() : List.copyOf(mismatched);
    }

    /** True when every listed file arrived intact. */
    @JsonIgnore
    public boolean isClean() {
        return missing.isEmpty() && mismatched.isEmpty();
    }
}
