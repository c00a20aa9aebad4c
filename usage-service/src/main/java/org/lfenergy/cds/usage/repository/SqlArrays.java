package org.lfenergy.cds.usage.repository;

import java.math.BigDecimal;

/**
 * PostgreSQL array literals built in Java, so that a whole batch of day rows travels as a few {@code text[]}
 * parameters (one element per row, each element itself an array literal cast in SQL) and one statement.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** {@code {1.5,NULL,2}}: plain notation, scale kept. */
    public static String numericLiteral(BigDecimal[] values) {
        StringBuilder sb = new StringBuilder(values.length * 8 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            BigDecimal v = values[i];
            sb.append(v == null ? "NULL" : v.toPlainString());
        }
        return sb.append('}').toString();
    }

    /** {@code {"a","b\"c",NULL}}: every element quoted and escaped. */
    public static String textLiteral(Iterable<String> values) {
        StringBuilder sb = new StringBuilder().append('{');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendText(sb, v);
        }
        return sb.append('}').toString();
    }

    /** {@link #textLiteral(Iterable)} of an array. */
    public static String textLiteral(String[] values) {
        return textLiteral(java.util.Arrays.asList(values));
    }

    private static void appendText(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("NULL");
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
