package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;

/**
 * One bill line item as remembered for the bill-total check.
 *
 * @param key identifies the line within its bill (code, item period, description), so a re-sent line replaces
 *            itself instead of counting twice
 */
public record DetailLine(String billId, String key, BigDecimal amount, String file, long line) {
}
