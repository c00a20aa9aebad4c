package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.INTERVAL;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.DataVersion;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/** Interval and Register rows (same columns). This is the hot path: keep it allocation-light. */
final class UsageMapper implements RecordMapper {
    // INTERVAL and REGISTER share one column list, so these indexes serve both.
    private static final int METER_ACCOUNT_ID = ColumnRules.index(INTERVAL, "MeterAccount_ID");
    private static final int METER_ID = ColumnRules.index(INTERVAL, "Meter_ID");
    private static final int USAGE = ColumnRules.index(INTERVAL, "Usage_value");
    private static final int DATE = ColumnRules.index(INTERVAL, "Date_of_interval");
    private static final int DATETIME = ColumnRules.index(INTERVAL, "Datetime_of_interval");
    private static final int CHANNEL = ColumnRules.index(INTERVAL, "Channel");
    private static final int TIME_ZONE = ColumnRules.index(INTERVAL, "Time_zone");
    private static final int FREQUENCY = ColumnRules.index(INTERVAL, "Interval_frequency");
    private static final int DATA_VERSION = ColumnRules.index(INTERVAL, "Data_version");
    private static final String ID_COLUMNS = "MeterAccount_ID|Meter_ID";

    private final boolean register;

    UsageMapper(boolean register) {
        this.register = register;
    }

    @Override
    public GridxRecord map(RowParser p) {
        String meterAccountId = p.text(METER_ACCOUNT_ID);
        String meterId = p.text(METER_ID);
        if (meterAccountId == null && meterId == null) {
            p.add(Rule.ROW_REQUIRED, ID_COLUMNS, null, "Either MeterAccount_ID or Meter_ID is required");
        }
        BigDecimal usage = p.decimal(USAGE, true, 15, 5);
        LocalDate date = p.date(DATE, true);
        ZoneId zone = p.zone(TIME_ZONE);
        ZonedDateTime datetime = p.dateTime(DATETIME, true, false, zone);
        String channel = p.required(CHANNEL);
        int frequency = p.positiveInt(FREQUENCY, true);
        String dataVersion = p.required(DATA_VERSION);
        if (dataVersion != null && !isKnownDataVersion(dataVersion)) {
            p.knownCode(DATA_VERSION, dataVersion, false, "A or E");
        }
        if (date != null && datetime != null) {
            checkDateAgrees(p, date, datetime);
        }
        if (p.rejected()) {
            return null;
        }
        return register
                ? new RegisterRecord(meterAccountId, meterId, usage, date, datetime, channel, zone, frequency, dataVersion)
                : new IntervalRecord(meterAccountId, meterId, usage, date, datetime, channel, zone, frequency, dataVersion);
    }

    private static boolean isKnownDataVersion(String v) {
        // Avoids the Optional of DataVersion.fromCode on every row.
        return v.length() == 1 ? (v.charAt(0) == 'A' || v.charAt(0) == 'E' || v.charAt(0) == 'a' || v.charAt(0) == 'e')
                : DataVersion.fromCode(v).isPresent();
    }

    /**
     * Date_of_interval should be the date of Datetime_of_interval, except that an end-of-interval file writes the
     * day's last interval as 00:00 of the next day.
     */
    private static void checkDateAgrees(RowParser p, LocalDate date, ZonedDateTime datetime) {
        LocalDate local = datetime.toLocalDate();
        if (local.equals(date)) {
            return;
        }
        boolean endOfDay = datetime.getHour() == 0 && datetime.getMinute() == 0 && local.equals(date.plusDays(1));
        if (!endOfDay) {
            p.add(Rule.ROW_INTERVAL_DATE_MISMATCH, DATE, p.found(DATE), "Date_of_interval " + p.found(DATE)
                    + " is not the date of Datetime_of_interval " + p.found(DATETIME));
        }
    }
}
