package org.lfenergy.cds.usage.repository;

import java.math.BigDecimal;

/**
 * PostgreSQL array literals built in Java, so that a whole batch of day rows travels as a few {@code text[]}
 * parameters (one element per row, each element itself an array literal cast in SQL) and one statement; and the
 * text output of a {@code numeric[]} read back as the stored decimal texts (no {@code BigDecimal} per value).
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

    /**
     * The elements of a one-dimensional {@code numeric[]} in PostgreSQL's text output ({@code vals::text}, e.g.
     * {@code {1.500,NULL,-0.25}}) as the decimal texts PostgreSQL printed (plain notation, scale kept; {@code null}
     * for NULL), without decoding them into numbers. A leading dimension decoration ({@code [0:2]=}) is skipped.
     *
     * @throws IllegalArgumentException when the text is not such an array, or an element is not a finite decimal
     *                                  (NaN and ±Infinity have no JSON number)
     */
    public static String[] decimalTexts(String text) {
        int open = openingBrace(text, "numeric");
        int close = text.length() - 1;
        if (close == open + 1) {
            return new String[0];
        }
        int n = 1;
        for (int i = open + 1; i < close; i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        String[] out = new String[n];
        int k = 0;
        int from = open + 1;
        for (int i = open + 1; i <= close; i++) {
            if (i == close || text.charAt(i) == ',') {
                out[k++] = element(text, from, i);
                from = i + 1;
            }
        }
        return out;
    }

    private static String element(String text, int from, int to) {
        if (to - from == 4 && text.regionMatches(true, from, "NULL", 0, 4)) {
            return null;
        }
        boolean digit = false;
        boolean point = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else if (!(c == '-' && i == from)) {
                throw new IllegalArgumentException("not a finite decimal at offset " + from + ": "
                        + abbreviate(text.substring(from, to)));
            }
        }
        if (!digit) {
            throw new IllegalArgumentException("not a finite decimal at offset " + from + ": "
                    + abbreviate(text.substring(from, to)));
        }
        return text.substring(from, to);
    }

    /**
     * Where the elements of a one-dimensional array's text output start: the index of its {@code {}, after an optional
     * dimension decoration ({@code [0:2]=}); the text must end with {@code }}.
     *
     * @throws IllegalArgumentException when the text is null or not such an array (naming the element type)
     */
    private static int openingBrace(String text, String elementType) {
        if (text == null) {
            throw new IllegalArgumentException(elementType + " array text is null");
        }
        int open = text.indexOf('{');
        int close = text.length() - 1;
        if (open < 0 || close <= open || text.charAt(close) != '}' || (open > 0 && text.charAt(open - 1) != '=')) {
            throw new IllegalArgumentException("not a one-dimensional " + elementType + " array: " + abbreviate(text));
        }
        return open;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /**
     * The elements of a one-dimensional {@code text[]} in PostgreSQL's text output ({@code quality::text}, e.g.
     * {@code {A,E,NULL,"a b","x\\"y"}}): unquoted {@code NULL} is null; quoted elements lose their quotes and
     * backslash escapes. One-character ASCII elements (GridX Data_versions) are shared constants, not new strings.
     *
     * @throws IllegalArgumentException when the text is not such an array
     */
    public static String[] texts(String text) {
        int open = openingBrace(text, "text");
        int close = text.length() - 1;
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (close == open + 1) {
            return new String[0];
        }
        int i = open + 1;
        while (true) {
            if (text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < close && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < close) {
                        i++;
                    }
                    sb.append(text.charAt(i++));
                }
                if (i >= close) {
                    throw new IllegalArgumentException("unterminated quoted element: " + abbreviate(text));
                }
                out.add(sb.toString());
                i++; // closing quote
            } else {
                int from = i;
                while (i < close && text.charAt(i) != ',') {
                    char c = text.charAt(i);
                    if (c == '"' || c == '{' || c == '}' || c == '\\') {
                        throw new IllegalArgumentException("bad element at offset " + i + ": " + abbreviate(text));
                    }
                    i++;
                }
                if (i == from) {
                    throw new IllegalArgumentException("empty element at offset " + i + ": " + abbreviate(text));
                }
                if (i - from == 4 && text.regionMatches(true, from, "NULL", 0, 4)) {
                    out.add(null);
                } else if (i - from == 1 && text.charAt(from) < ONE_CHAR.length) {
                    out.add(ONE_CHAR[text.charAt(from)]);
                } else {
                    out.add(text.substring(from, i));
                }
            }
            if (i == close) {
                return out.toArray(new String[0]);
            }
            if (text.charAt(i) != ',') {
                throw new IllegalArgumentException("expected ',' at offset " + i + ": " + abbreviate(text));
            }
            i++;
            if (i == close) {
                throw new IllegalArgumentException("empty last element: " + abbreviate(text));
            }
        }
    }

    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }
}
