package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.BILLDETERMINANTS;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.record.BillDeterminantsRecord;
import org.lfenergy.cds.gridx.format.record.DataVersion;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Billing Determinant rows. */
final class BillDeterminantsMapper implements RecordMapper {
    private static final int METER_ACCOUNT_ID = ColumnRules.index(BILLDETERMINANTS, "MeterAccount_ID");
    private static final int USAGE = ColumnRules.index(BILLDETERMINANTS, "Usage_value");
    private static final int START = ColumnRules.index(BILLDETERMINANTS, "Start_time_of_interval");
    private static final int END = ColumnRules.index(BILLDETERMINANTS, "End_time_of_interval");
    private static final int CHANNEL = ColumnRules.index(BILLDETERMINANTS, "Channel");
    private static final int DATA_VERSION = ColumnRules.index(BILLDETERMINANTS, "Data_version");
    private static final int TIME_ZONE = ColumnRules.index(BILLDETERMINANTS, "Time_zone");

    @Override
    public GridxRecord map(RowParser p) {
        String meterAccountId = p.required(METER_ACCOUNT_ID);
        BigDecimal usage = p.decimal(USAGE, true, 15, 5);
        ZoneId zone = p.zone(TIME_ZONE);
        ZonedDateTime start = p.dateTime(START, true, false, zone);
        ZonedDateTime end = p.dateTime(END, true, true, false, zone);
        p.order(START, start, END, end);
        String channel = p.required(CHANNEL);
        String dataVersion = p.text(DATA_VERSION);
        p.knownCode(DATA_VERSION, dataVersion, dataVersion == null || DataVersion.fromCode(dataVersion).isPresent(),
                "A or E");
        if (p.rejected()) {
            return null;
        }
        return new BillDeterminantsRecord(meterAccountId, usage, start, end, channel, dataVersion, zone);
    }
}
