package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.EVENT;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.EventRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Event rows: an event needs a duration or a start time ("No*" in the specification). */
final class EventMapper implements RecordMapper {
    private static final int RATE_PLAN = ColumnRules.index(EVENT, "Rate_plan_identifier");
    private static final int TYPE = ColumnRules.index(EVENT, "Event_type");
    private static final int SUB_TYPE = ColumnRules.index(EVENT, "Event_sub_type");
    private static final int DATE = ColumnRules.index(EVENT, "Event_date");
    private static final int DURATION = ColumnRules.index(EVENT, "Event duration");
    private static final int START = ColumnRules.index(EVENT, "Event_start_time");
    private static final int END = ColumnRules.index(EVENT, "Event_end_time");

    @Override
    public GridxRecord map(RowParser p) {
        String ratePlan = p.text(RATE_PLAN);
        String type = p.required(TYPE);
        String subType = p.text(SUB_TYPE);
        LocalDate date = p.date(DATE, true);
        BigDecimal duration = p.decimal(DURATION, false);
        if (duration != null && duration.signum() <= 0) {
            p.add(Rule.ROW_RANGE, DURATION, p.found(DURATION), "Event duration must be greater than 0 days");
        }
        LocalTime start = p.time(START, false);
        LocalTime end = p.time(END, false);
        if (p.text(DURATION) == null && p.text(START) == null) {
            p.add(Rule.ROW_REQUIRED, "Event duration|Event_start_time", null,
                    "An event needs an Event duration or an Event_start_time");
        }
        return p.rejected() ? null : new EventRecord(ratePlan, type, subType, date, duration, start, end);
    }
}
