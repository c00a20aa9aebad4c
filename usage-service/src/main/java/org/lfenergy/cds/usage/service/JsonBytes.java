package org.lfenergy.cds.usage.service;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 JSON text, and the finished text as a {@link SerializableString} that a JSON generator
 * writing bytes copies as it is ({@code writeRawValue}: one array copy, where a {@code String} is re-encoded char by
 * char). Used for a day's Value Sets (docs/perf/usage-meter-year, change 5).
 */
final class JsonBytes {

    private byte[] buf;
    private int len;

    JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    JsonBytes append(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    JsonBytes append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** {@code s} as UTF-8, unescaped (a decimal text, or text already escaped). */
    JsonBytes append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return appendUtf8(s, i); // the first i chars are copied: encode the rest
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    private JsonBytes appendUtf8(String s, int from) {
        return append(s.substring(from).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code s} as a JSON string, escaped as Jackson escapes it: {@code "} and {@code \\} with a backslash, control
     * characters as {@code \\b \\t \\n \\f \\r} or {@code \\u00XX}, anything else as UTF-8.
     */
    JsonBytes appendJsonString(String s) {
        append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 ? control(c) : null;
            if (escape != null) {
                append(s.substring(plain, i)).append(escape);
                plain = i + 1;
            }
        }
        return append(plain == 0 ? s : s.substring(plain)).append('"');
    }

    private static String control(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> "\\u00" + HEX[c >> 4] + HEX[c & 0xF];
        };
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The bytes written so far (a copy trimmed to its length). */
    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** The text written so far, for {@code JsonGenerator.writeRawValue}. */
    SerializableString raw() {
        return new Raw(buf, len);
    }

    /**
     * Raw JSON text held as UTF-8 bytes. The unquoted forms are the bytes (or their text); the quoted forms, which a
     * raw value never asks for, are those of the text.
     */
    private static final class Raw implements SerializableString {
        private final byte[] bytes;
        private final int length;
        private String text;

        Raw(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public String getValue() {
            if (text == null) {
                text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            return text;
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            return new SerializedString(getValue()).asQuotedChars();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        }

        @Override
        public byte[] asQuotedUTF8() {
            return new SerializedString(getValue()).asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return new SerializedString(getValue()).appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return new SerializedString(getValue()).appendQuoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, length);
            return length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return new SerializedString(getValue()).writeQuotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes, 0, length);
            return length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return new SerializedString(getValue()).putQuotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < length) {
                return -1;
            }
            buffer.put(bytes, 0, length);
            return length;
        }
    }
}
