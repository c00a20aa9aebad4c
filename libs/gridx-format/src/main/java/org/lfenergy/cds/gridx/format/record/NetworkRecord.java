package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Network row: one member of an allocation arrangement such as community solar.
 *
 * @param networkEndDate    null = open (9999-12-31)
 * @param percentAllocation 0..100
 */
public record NetworkRecord(String networkType, String networkId, LocalDate networkStartDate,
                            LocalDate networkEndDate, String memberId, String networkMemberType, String memberType,
                            BigDecimal percentAllocation, LocalDate memberStartDate, LocalDate memberEndDate,
                            String memberMeterAccountId) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.NETWORK;
    }
}
