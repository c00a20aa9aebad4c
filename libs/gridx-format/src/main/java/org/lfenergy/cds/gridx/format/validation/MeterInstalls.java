package org.lfenergy.cds.gridx.format.validation;

import java.util.List;

/** State of meter install periods, keyed by (Meter_ID, install instant). */
public interface MeterInstalls {
    List<MeterInstall> installsOfMeter(String meterId);

    /** Inserts or replaces the install of {@code install.meterId()} that starts at {@code install.installed()}. */
    void saveInstall(MeterInstall install);
}
