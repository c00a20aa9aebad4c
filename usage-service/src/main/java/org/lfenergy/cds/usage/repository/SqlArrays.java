package org.lfenergy.cds.usage.repository;

import java.math.BigDecimal;

/**
 * PostgreSQL array literals built in Java, so that a whole batch of day rows travels as a few {@code text[]}
 * parameters (one element per row, each element itself an array literal cast in SQL) and one statement; and stored
 * arrays read back: a {@code numeric[]} from its binary form as the stored decimal texts (no {@code BigDecimal} per
 * value), a {@code text[]} from its text output.
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

    /** PostgreSQL's type oid of {@code numeric}. */
    static final int NUMERIC_OID = 1700;

    /**
     * The elements of a one-dimensional {@code numeric[]} in PostgreSQL's binary form ({@code array_send(vals)}, a
     * {@code bytea}) as the exact decimal texts PostgreSQL's own output ({@code vals::text}) prints: plain notation,
     * the stored scale kept, {@code null} for NULL. The digits are written from the base-10000 digit groups as
     * {@code numeric_out} writes them (no {@code BigDecimal}, no double), so the text is byte for byte the same while
     * PostgreSQL skips formatting every value (docs/perf/usage-meter-year, change 5).
     *
     * <p>Binary array: int32 dimensions (0 or 1), int32 has-nulls flag, int32 element oid (1700), per dimension
     * int32 length and int32 lower bound (ignored: the elements are returned from index 0); then per element
     * int32 byte length (-1 = NULL) and the numeric: int16 digit count, int16 weight (of the first digit group, in
     * powers of 10000), uint16 sign (0x0000 +, 0x4000 -, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity), int16
     * display scale, int16 digit groups (0–9999).
     *
     * @throws IllegalArgumentException when the bytes are not such an array, or an element is not a finite decimal
     *                                  (NaN and ±Infinity have no JSON number), naming the element and offset
     */
    public static String[] decimalTexts(byte[] b) {
        int n = elements(b, NUMERIC_OID, "numeric");
        String[] out = new String[n];
        int at = n == 0 ? b.length : 20;
        byte[] buf = new byte[64];
        for (int k = 0; k < n; k++) {
            int len = int32(b, at);
            at += 4;
            if (len == -1) {
                continue;
            }
            if (len < 8 || at + len > b.length) {
                throw new IllegalArgumentException("element " + k + " at offset " + (at - 4) + ": bad length " + len);
            }
            int ndigits = int16(b, at);
            int weight = (short) int16(b, at + 2);
            int sign = int16(b, at + 4);
            int dscale = int16(b, at + 6);
            if (sign != 0x0000 && sign != 0x4000) {
                throw new IllegalArgumentException("element " + k + " at offset " + (at - 4) + " is not a finite decimal: "
                        + (sign == 0xC000 ? "NaN" : sign == 0xD000 ? "Infinity" : sign == 0xF000 ? "-Infinity"
                        : "sign 0x" + Integer.toHexString(sign)));
            }
            if (len != 8 + 2 * ndigits || (dscale & 0x3FFF) != dscale) {
                throw new IllegalArgumentException("element " + k + " at offset " + (at - 4) + ": " + ndigits
                        + " digit groups, scale " + dscale + " in " + len + " bytes");
            }
            // numeric_out (get_str_from_var): sign, integer digit groups (leading zeros of the first suppressed),
            // then exactly dscale fraction digits
            int need = 2 + Math.max(weight + 1, 1) * 4 + dscale + 4;
            if (buf.length < need) {
                buf = new byte[need];
            }
            int p = 0;
            if (sign == 0x4000) {
                buf[p++] = '-';
            }
            int d;
            int digits = at + 8;
            if (weight < 0) {
                d = weight + 1;
                buf[p++] = '0';
            } else {
                for (d = 0; d <= weight; d++) {
                    int dig = d < ndigits ? digit(b, digits, d, k) : 0;
                    if (d == 0) {
                        // first group: no leading zeros
                        if (dig >= 1000) {
                            p = four(buf, p, dig);
                        } else if (dig >= 100) {
                            buf[p++] = (byte) ('0' + dig / 100);
                            buf[p++] = (byte) ('0' + dig / 10 % 10);
                            buf[p++] = (byte) ('0' + dig % 10);
                        } else if (dig >= 10) {
                            buf[p++] = (byte) ('0' + dig / 10);
                            buf[p++] = (byte) ('0' + dig % 10);
                        } else {
                            buf[p++] = (byte) ('0' + dig);
                        }
                    } else {
                        p = four(buf, p, dig);
                    }
                }
            }
            if (dscale > 0) {
                buf[p++] = '.';
                int end = p + dscale;
                for (int i = 0; i < dscale; d++, i += 4) {
                    int dig = d >= 0 && d < ndigits ? digit(b, digits, d, k) : 0;
                    p = four(buf, p, dig);
                }
                p = end;
            }
            out[k] = new String(buf, 0, p, java.nio.charset.StandardCharsets.ISO_8859_1);
            at += len;
        }
        return end(b, at, n, out);
    }

    /**
     * The element count of a binary one-dimensional array of element type {@code oid} (0 for an array without
     * dimensions, as {@code array_send} writes an empty array); its elements start at byte 20.
     */
    private static int elements(byte[] b, int oid, String type) {
        if (b == null) {
            throw new IllegalArgumentException(type + " array bytes are null");
        }
        int dims = int32(b, 0);
        int elementOid = int32(b, 8);
        if (elementOid != oid) {
            throw new IllegalArgumentException("not a " + type + " array: element type oid " + elementOid);
        }
        if (dims == 0) {
            if (b.length != 12) {
                throw new IllegalArgumentException((b.length - 12) + " bytes after an empty " + type + " array");
            }
            return 0;
        }
        if (dims != 1) {
            throw new IllegalArgumentException("not a one-dimensional " + type + " array: " + dims + " dimensions");
        }
        int n = int32(b, 12);
        if (n < 0) {
            throw new IllegalArgumentException("negative array length " + n);
        }
        int32(b, 16); // lower bound: present, ignored
        return n;
    }

    private static String[] end(byte[] b, int at, int n, String[] out) {
        if (at != b.length) {
            throw new IllegalArgumentException((b.length - at) + " bytes after the last of " + n + " elements");
        }
        return out;
    }

    /** PostgreSQL's type oid of {@code text}. */
    static final int TEXT_OID = 25;

    /**
     * The elements of a one-dimensional {@code text[]} in PostgreSQL's binary form ({@code array_send(quality)}, a
     * {@code bytea}; elements in UTF-8, the client encoding): {@code null} for NULL. One-character ASCII elements
     * (GridX Data_versions) are shared constants, not new strings.
     *
     * @throws IllegalArgumentException when the bytes are not such an array, naming the element and offset
     */
    public static String[] texts(byte[] b) {
        int n = elements(b, TEXT_OID, "text");
        String[] out = new String[n];
        int at = n == 0 ? b.length : 20;
        for (int k = 0; k < n; k++) {
            int len = int32(b, at);
            at += 4;
            if (len == -1) {
                continue;
            }
            if (len < 0 || at + len > b.length) {
                throw new IllegalArgumentException("element " + k + " at offset " + (at - 4) + ": bad length " + len);
            }
            out[k] = len == 1 && b[at] >= 0 ? ONE_CHAR[b[at]]
                    : new String(b, at, len, java.nio.charset.StandardCharsets.UTF_8);
            at += len;
        }
        return end(b, at, n, out);
    }

    private static int digit(byte[] b, int digits, int d, int element) {
        int dig = int16(b, digits + 2 * d);
        if (dig > 9999) {
            throw new IllegalArgumentException("element " + element + ": digit group " + dig + " above 9999");
        }
        return dig;
    }

    private static int four(byte[] buf, int p, int dig) {
        buf[p] = (byte) ('0' + dig / 1000);
        buf[p + 1] = (byte) ('0' + dig / 100 % 10);
        buf[p + 2] = (byte) ('0' + dig / 10 % 10);
        buf[p + 3] = (byte) ('0' + dig % 10);
        return p + 4;
    }

    private static int int32(byte[] b, int at) {
        if (at < 0 || at + 4 > b.length) {
            throw new IllegalArgumentException("array ends at byte " + b.length + ", expected 4 more at " + at);
        }
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int int16(byte[] b, int at) {
        if (at < 0 || at + 2 > b.length) {
            throw new IllegalArgumentException("array ends at byte " + b.length + ", expected 2 more at " + at);
        }
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }
}
