package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.RATEVALUES;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.RateValuesRecord;

/** Rate Values rows. */
final class RateValuesMapper implements RecordMapper {
    private static final int RATE_PLAN = ColumnRules.index(RATEVALUES, "Rate_Plan");
    private static final int DESCRIPTION = ColumnRules.index(RATEVALUES, "Description");
    private static final int VALUE = ColumnRules.index(RATEVALUES, "Value");
    private static final int EFFECTIVE = ColumnRules.index(RATEVALUES, "Effective_Date");
    private static final int EXPIRATION = ColumnRules.index(RATEVALUES, "Expiration_Date");

    @Override
    public GridxRecord map(RowParser p) {
        String ratePlan = p.required(RATE_PLAN);
        String description = p.required(DESCRIPTION);
        BigDecimal value = p.decimal(VALUE, true);
        LocalDate effective = p.date(EFFECTIVE, true);
        LocalDate expiration = p.endDate(EXPIRATION, false);
        p.order(EFFECTIVE, effective, EXPIRATION, expiration);
        return p.rejected() ? null : new RateValuesRecord(ratePlan, description, value, effective, expiration);
    }
}
