package org.lfenergy.cds.gridx.format.record;

import java.util.Optional;

/**
 * Data_version quality codes the specification names ("Actual (A), Estimate (E), etc."). Other codes are
 * accepted with a warning and kept as sent.
 */
public enum DataVersion {
    /** A: actual read. */
    ACTUAL,
    /** E: estimate. */
    ESTIMATE;

    /** The code for {@code A}/{@code Actual} or {@code E}/{@code Estimate}/{@code Estimated} (case-insensitive). */
    public static Optional<DataVersion> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        if (code.equalsIgnoreCase("A") || code.equalsIgnoreCase("Actual")) {
            return Optional.of(ACTUAL);
        }
        if (code.equalsIgnoreCase("E") || code.equalsIgnoreCase("Estimate") || code.equalsIgnoreCase("Estimated")) {
            return Optional.of(ESTIMATE);
        }
        return Optional.empty();
    }
}
