package org.lfenergy.cds.ingest.registry;

import java.util.Locale;

/** Where a delivered file stands. */
public enum FileStatus {
    RECEIVED, PROCESSING, COMPLETED, FAILED, DUPLICATE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
