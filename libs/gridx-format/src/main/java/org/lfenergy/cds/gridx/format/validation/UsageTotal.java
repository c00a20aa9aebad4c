package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;

/**
 * Sum of interval usage in a window, with how many minutes of the window intervals cover.
 */
public record UsageTotal(BigDecimal sum, long coveredMinutes) {
}
