package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.lfenergy.cds.gridx.generator.time.Season;

/**
 * One bill line item; {@code amount} is exactly {@code quantity x price}. Quantities are never negative: credits
 * carry a negative price.
 *
 * @param season the season of the days the line covers
 * @param start  first day the line covers (inclusive)
 * @param end    last day the line covers (inclusive)
 */
public record BillLine(ChargeCode code, BigDecimal quantity, BigDecimal price, BigDecimal amount, Season season,
                       LocalDate start, LocalDate end) {
}
