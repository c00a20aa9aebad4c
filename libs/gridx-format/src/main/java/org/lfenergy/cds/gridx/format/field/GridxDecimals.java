package org.lfenergy.cds.gridx.format.field;

import java.math.BigDecimal;

/** Exact decimal parsing for GridX number columns: plain notation only, scale preserved, never via double. */
public final class GridxDecimals {

    private GridxDecimals() {
    }

    /**
     * A plain decimal ({@code [+-]digits[.digits]}, at least one digit, no exponent, no grouping), or null.
     * {@code "1.50"} keeps scale 2.
     */
    public static BigDecimal parse(CharSequence s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int digits = 0;
        int dot = -1;
        long unscaled = 0;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                digits++;
                if (digits <= 18) {
                    unscaled = unscaled * 10 + (c - '0');
                }
            } else if (c == '.' && dot < 0) {
                dot = k;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        int scale = dot < 0 ? 0 : n - dot - 1;
        if (digits <= 18) {
            // Fast path: fits a long exactly, no parsing of a String by BigDecimal.
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }
        return new BigDecimal(s.toString());
    }

    /** Whether the value fits DECIMAL(precision, scale): at most {@code scale} fraction digits and
     * {@code precision - scale} integer digits. */
    public static boolean fits(BigDecimal v, int precision, int scale) {
        int fraction = Math.max(v.scale(), 0);
        int integerDigits = v.precision() - v.scale();
        return fraction <= scale && integerDigits <= precision - scale;
    }

    /** A whole number of at most 9 digits with optional leading '+', or -1 when the text is not one. */
    public static int parseSmallNonNegativeInt(CharSequence s) {
        if (s == null) {
            return -1;
        }
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '+' ? 1 : 0;
        if (n == i || n - i > 9) {
            return -1;
        }
        int v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A non-negative whole number of at most 18 digits, or -1. */
    public static long parseNonNegativeLong(CharSequence s) {
        if (s == null) {
            return -1;
        }
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '+' ? 1 : 0;
        if (n == i || n - i > 18) {
            return -1;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
