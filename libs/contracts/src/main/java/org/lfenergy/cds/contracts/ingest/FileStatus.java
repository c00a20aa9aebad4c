package org.lfenergy.cds.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a received file is in its life; each change is one event on {@code gridx.files.v1}. */
public enum FileStatus {
    /** Bytes stored and registered; nothing read yet. */
    @JsonProperty("received") RECEIVED,
    /** Being read and validated. */
    @JsonProperty("validating") VALIDATING,
    /** Every accepted row is acknowledged by Kafka; rejects are on {@code gridx.rejects.v1}. */
    @JsonProperty("published") PUBLISHED,
    /** Done, including digest reconciliation where it applies. Final. */
    @JsonProperty("completed") COMPLETED,
    /** Refused as a whole (see {@code failure}). Final. */
    @JsonProperty("failed") FAILED,
    /** Same bytes as an earlier file (see {@code duplicate_of}); nothing published. Final. */
    @JsonProperty("duplicate") DUPLICATE,
    /** A status this consumer's version does not know yet (forward compatibility). */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN;

    /** True for statuses after which no further event follows for the file. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == DUPLICATE;
    }
}
