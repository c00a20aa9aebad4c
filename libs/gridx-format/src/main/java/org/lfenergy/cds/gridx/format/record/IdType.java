package org.lfenergy.cds.gridx.format.record;

import java.util.Locale;
import java.util.Optional;

/**
 * Attribute ID_type codes. The specification lists none explicitly ("matches the ID Type of the client source
 * system"); these are the codes of its example file. Other codes are accepted with a warning.
 */
public enum IdType {
    /** Contract (service agreement). */
    CT,
    /** Service point. */
    SP,
    /** Premise. */
    PM;

    /** The known code for a text (case-insensitive), if any. */
    public static Optional<IdType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        switch (code.toUpperCase(Locale.ROOT)) {
            case "CT":
                return Optional.of(CT);
            case "SP":
                return Optional.of(SP);
            case "PM":
                return Optional.of(PM);
            default:
                return Optional.empty();
        }
    }
}
