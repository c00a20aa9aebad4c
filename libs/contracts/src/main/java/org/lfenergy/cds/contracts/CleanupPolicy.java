package org.lfenergy.cds.contracts;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Keep the last value per key forever (entity state); a null value (tombstone) deletes the key. */
    COMPACT("compact"),
    /** Drop whole segments older than the retention time (facts, replayable from the source files). */
    DELETE("delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy}. */
    public String configValue() {
        return configValue;
    }
}
