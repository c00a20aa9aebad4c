package org.lfenergy.cds.gridx.format.record;

import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Customer row: the person → entity → contract → meter account hierarchy.
 *
 * @param contractStartDate inclusive start; a plain date means 00:00 of that day in the client's zone
 * @param contractEndDate   exclusive end; a plain date means 00:00 of the next day; null = open (active contract)
 */
public record CustomerRecord(String personId, String entityId, String contractId, String premiseId,
                             String servicePointId, String meterAccountId, ZonedDateTime contractStartDate,
                             ZonedDateTime contractEndDate, String serviceStatus) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.CUSTOMER;
    }
}
