package org.lfenergy.cds.contracts;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and splits the text record keys of all topics: parts joined by {@code |}.
 *
 * <p>A {@code |} or {@code \} inside a part is escaped with a backslash, so distinct part lists always give distinct
 * keys (compaction must never merge two rows). A null part is written as the empty string.
 */
public final class NaturalKey {

    /** Separator between key parts. */
    public static final char SEPARATOR = '|';

    private NaturalKey() {
    }

    /** The key for these parts, e.g. {@code of("DEMO", "4001")} → {@code DEMO|4001}. */
    public static String of(String... parts) {
        StringBuilder sb = new StringBuilder(16 * parts.length);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            appendEscaped(sb, parts[i]);
        }
        return sb.toString();
    }

    /** The parts of a key built by {@link #of(String...)} (empty parts come back as empty strings). */
    public static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                current.append(key.charAt(++i));
            } else if (c == SEPARATOR) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static void appendEscaped(StringBuilder sb, String part) {
        if (part == null) {
            return;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == SEPARATOR || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
