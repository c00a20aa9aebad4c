package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDateTime;

/**
 * Deliberate imperfections of a contract's data, as real feeds have them.
 *
 * @param estimatedFrom      start (local) of a block of estimated intervals on the main channel, or null
 * @param estimatedSlots     number of estimated intervals in that block
 * @param missingInterval    start (local) of an interval deliberately absent from the main channel, or null
 * @param cancelRebillIndex  0-based index, among the contract's bills in the window, of a bill first issued on
 *                           {@code wrongRateCode}, then cancelled and rebilled; -1 for none
 */
public record Anomalies(LocalDateTime estimatedFrom, int estimatedSlots, LocalDateTime missingInterval,
                        int cancelRebillIndex, String wrongRateCode) {

    /** Clean data. */
    public static Anomalies none() {
        return new Anomalies(null, 0, null, -1, null);
    }
}
