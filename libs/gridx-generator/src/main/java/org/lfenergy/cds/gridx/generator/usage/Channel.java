package org.lfenergy.cds.gridx.generator.usage;

import java.nio.charset.StandardCharsets;

/** Meter channels; values are kept in thousandths of the unit (Wh, milli-therm) and written with 3 decimals. */
public enum Channel {
    /** Energy delivered to the customer (forward). */
    KWH_DEL,
    /** Energy received from the customer (reverse, exported generation). */
    KWH_REC,
    /** Gas delivered. */
    THERM_DEL;

    private final byte[] bytes;

    Channel() {
        this.bytes = name().getBytes(StandardCharsets.US_ASCII);
    }

    /** The Channel column value as bytes. */
    public byte[] bytes() {
        return bytes;
    }
}
