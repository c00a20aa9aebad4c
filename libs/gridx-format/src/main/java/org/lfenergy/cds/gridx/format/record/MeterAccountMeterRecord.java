package org.lfenergy.cds.gridx.format.record;

import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A MeterAccount Meter row: which physical meter served a meter account when.
 *
 * @param meterInstallDate inclusive start
 * @param meterRemovalDate exclusive end (a plain date means 00:00 of the next day); null = still installed
 */
public record MeterAccountMeterRecord(String meteraccountId, String meterId, ZonedDateTime meterInstallDate,
                                      ZonedDateTime meterRemovalDate) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.METERACCOUNTMETER;
    }
}
