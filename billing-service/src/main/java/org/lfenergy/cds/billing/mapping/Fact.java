package org.lfenergy.cds.billing.mapping;

import java.time.Instant;

/**
 * A stored GridX row with its file times.
 *
 * @param first   extract time of the first file that carried the row
 * @param content extract time of the first file that carried its current content
 * @param seen    extract time of the latest file that carried it
 */
public record Fact<T>(T payload, Instant first, Instant content, Instant seen) {

    /** A fact seen once, in one file. */
    public static <T> Fact<T> once(T payload, Instant fileTime) {
        return new Fact<>(payload, fileTime, fileTime, fileTime);
    }
}
