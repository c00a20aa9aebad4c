package org.lfenergy.cds.contracts.ingest;

/**
 * Why a file failed as a whole.
 *
 * @param ruleId  stable rule id, e.g. {@code GX-FILE-HEADER-MISSING}
 * @param message human-readable explanation
 */
public record FileFailure(String ruleId, String message) {
}
