package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Billing Determinant row: billed usage framed by a bill period.
 *
 * @param startTimeOfInterval inclusive; a plain date means 00:00 of that day
 * @param endTimeOfInterval   exclusive; a plain date means 00:00 of the next day
 * @param dataVersion         null when absent
 */
public record BillDeterminantsRecord(String meterAccountId, BigDecimal usageValue, ZonedDateTime startTimeOfInterval,
                                     ZonedDateTime endTimeOfInterval, String channel, String dataVersion,
                                     ZoneId timeZone) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.BILLDETERMINANTS;
    }
}
