package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDate;

/**
 * Riders and programs a contract is enrolled in.
 *
 * @param nemSince   net-energy-metering start (the reverse channel exists from then on), or null
 * @param careSince  CARE low-income discount start, or null
 * @param cpp        enrolled in critical peak pricing events
 * @param supplier   third-party (CCA) supplier name, or null when bundled
 */
public record Programs(LocalDate nemSince, LocalDate careSince, boolean cpp, String supplier) {

    /** No program at all. */
    public static Programs none() {
        return new Programs(null, null, false, null);
    }
}
