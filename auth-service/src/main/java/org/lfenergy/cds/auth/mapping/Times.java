package org.lfenergy.cds.auth.mapping;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** RFC 3339 datetimes as CDS shows them: UTC, whole seconds ({@code 2024-01-01T00:00:00Z}). */
public final class Times {

    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
