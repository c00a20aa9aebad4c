package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.NETWORK;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.NetworkRecord;

/** Network rows. */
final class NetworkMapper implements RecordMapper {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int TYPE = ColumnRules.index(NETWORK, "Network_type");
    private static final int ID = ColumnRules.index(NETWORK, "Network_ID");
    private static final int START = ColumnRules.index(NETWORK, "Network_start_date");
    private static final int END = ColumnRules.index(NETWORK, "Network_end_date");
    private static final int MEMBER_ID = ColumnRules.index(NETWORK, "Member_ID");
    private static final int NETWORK_MEMBER_TYPE = ColumnRules.index(NETWORK, "Network_member_type");
    private static final int MEMBER_TYPE = ColumnRules.index(NETWORK, "Member_type");
    private static final int PERCENT = ColumnRules.index(NETWORK, "Percent_allocation");
    private static final int MEMBER_START = ColumnRules.index(NETWORK, "Member_start_date");
    private static final int MEMBER_END = ColumnRules.index(NETWORK, "Member_end_date");
    private static final int MEMBER_METER_ACCOUNT = ColumnRules.index(NETWORK, "Member_MeterAccount_ID");

    @Override
    public GridxRecord map(RowParser p) {
        String type = p.text(TYPE);
        String id = p.text(ID);
        LocalDate start = p.date(START, false);
        LocalDate end = p.endDate(END, true);
        p.order(START, start, END, end);
        String memberId = p.text(MEMBER_ID);
        String networkMemberType = p.text(NETWORK_MEMBER_TYPE);
        String memberType = p.text(MEMBER_TYPE);
        BigDecimal percent = p.decimal(PERCENT, true, 18, 2);
        if (percent != null && (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0)) {
            p.add(Rule.ROW_RANGE, PERCENT, p.found(PERCENT), "Percent_allocation " + p.found(PERCENT)
                    + " is outside 0..100");
        }
        LocalDate memberStart = p.date(MEMBER_START, false);
        LocalDate memberEnd = p.endDate(MEMBER_END, false);
        p.order(MEMBER_START, memberStart, MEMBER_END, memberEnd);
        String memberMeterAccount = p.text(MEMBER_METER_ACCOUNT);
        if (p.rejected()) {
            return null;
        }
        return new NetworkRecord(type, id, start, end, memberId, networkMemberType, memberType, percent,
                memberStart, memberEnd, memberMeterAccount);
    }
}
