package org.lfenergy.cds.ingest.registry;

/** A finding as kept in the registry for the status API. */
public record StoredFinding(long line, String column, String value, String ruleId, String severity, String message,
                            String raw) {
}
