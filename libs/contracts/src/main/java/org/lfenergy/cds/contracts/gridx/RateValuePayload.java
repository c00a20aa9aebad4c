package org.lfenergy.cds.contracts.gridx;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One Rate Values (RATEVALUES) row: a price or factor of a rate plan from a date on.
 *
 * @param expirationDate null = still effective
 */
public record RateValuePayload(
        String ratePlan,
        String description,
        BigDecimal value,
        LocalDate effectiveDate,
        LocalDate expirationDate) implements GridxPayload {
}
