package org.lfenergy.cds.gridx.format.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Rate Values row.
 *
 * @param expirationDate null = no expiration (empty, NULL or 9999-12-31)
 */
public record RateValuesRecord(String ratePlan, String description, BigDecimal value, LocalDate effectiveDate,
                               LocalDate expirationDate) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.RATEVALUES;
    }
}
