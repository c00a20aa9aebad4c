package org.lfenergy.cds.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a finding did to the row (mirrors gridx-format's severities). */
public enum RejectSeverity {
    /** The row was not published. */
    @JsonProperty("reject_row") REJECT_ROW,
    /** The row was published; the finding is informational. */
    @JsonProperty("warn") WARN,
    /** The whole file was refused because of this row. */
    @JsonProperty("fail_file") FAIL_FILE,
    /** A severity this consumer's version does not know yet. */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
