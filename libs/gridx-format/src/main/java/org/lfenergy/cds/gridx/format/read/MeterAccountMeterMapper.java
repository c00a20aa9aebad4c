package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.METERACCOUNTMETER;

import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;

/** MeterAccount Meter rows; dates are in the client's zone. */
final class MeterAccountMeterMapper implements RecordMapper {
    private static final int METERACCOUNT_ID = ColumnRules.index(METERACCOUNTMETER, "Meteraccount_ID");
    private static final int METER_ID = ColumnRules.index(METERACCOUNTMETER, "Meter_ID");
    private static final int INSTALL = ColumnRules.index(METERACCOUNTMETER, "Meter_install_date");
    private static final int REMOVAL = ColumnRules.index(METERACCOUNTMETER, "Meter_removal_date");

    @Override
    public GridxRecord map(RowParser p) {
        String meteraccountId = p.required(METERACCOUNT_ID);
        String meterId = p.required(METER_ID);
        ZonedDateTime install = p.dateTime(INSTALL, true, false, p.clientZone());
        ZonedDateTime removal = p.dateTime(REMOVAL, false, true, p.clientZone());
        p.order(INSTALL, install, REMOVAL, removal);
        return p.rejected() ? null : new MeterAccountMeterRecord(meteraccountId, meterId, install, removal);
    }
}
