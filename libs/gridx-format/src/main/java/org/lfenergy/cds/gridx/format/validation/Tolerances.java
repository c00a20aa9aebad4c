package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;

/**
 * Rounding tolerances of the money checks. Line amounts are rounded to cents and unit prices are often shown
 * rounded (e.g. 0.12346 for 0.123456), so quantity x price may legitimately differ from the amount a little.
 */
public final class Tolerances {

    /** One cent: the rounding of a single amount. */
    public static final BigDecimal CENT = new BigDecimal("0.01");
    /** 0.01 % of the computed amount: covers unit prices rounded to 4-5 decimals on large quantities. */
    public static final BigDecimal RELATIVE = new BigDecimal("0.0001");

    private Tolerances() {
    }

    /** max(0.01, 0.0001 x |quantity x price|). */
    public static BigDecimal lineAmountTolerance(BigDecimal expected) {
        BigDecimal relative = expected.abs().multiply(RELATIVE);
        return relative.compareTo(CENT) > 0 ? relative : CENT;
    }

    /** Whether |quantity x price - amount| is within {@link #lineAmountTolerance}. */
    public static boolean lineAmountMatches(BigDecimal expected, BigDecimal amount) {
        return expected.subtract(amount).abs().compareTo(lineAmountTolerance(expected)) <= 0;
    }

    /** Sum of line amounts vs the bill total: within one cent (both sides are sums of already-rounded cents). */
    public static boolean billTotalMatches(BigDecimal sumOfLines, BigDecimal total) {
        return sumOfLines.subtract(total).abs().compareTo(CENT) <= 0;
    }

    /** Register vs interval sum: 0.1 % of the register value or 0.001 units, whichever is larger. */
    public static boolean usageMatches(BigDecimal intervalSum, BigDecimal register) {
        BigDecimal tolerance = register.abs().multiply(new BigDecimal("0.001")).max(new BigDecimal("0.001"));
        return intervalSum.subtract(register).abs().compareTo(tolerance) <= 0;
    }
}
