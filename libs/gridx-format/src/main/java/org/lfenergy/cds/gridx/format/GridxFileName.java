package org.lfenergy.cds.gridx.format;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed {@code GRIDX_{CLIENT}_{TYPE}_yyyyMMddHHmmss{suffix}.{csv|psv|tsv}[.gz]} file name.
 *
 * <p>The suffix is what transfer tools (e.g. Message Way) append after the timestamp: empty, or one or more
 * groups of a separator ({@code _}, {@code .} or {@code -}) followed by digits, e.g. {@code _20240102030405}
 * or {@code .1}. It is kept verbatim, including its leading separator.
 */
public record GridxFileName(String client, GridxFileType type, LocalDateTime timestamp, String suffix, Dialect dialect,
                            boolean gzip) {

    public static final String RULE_PREFIX = Rule.FILE_NAME_PREFIX.id();
    public static final String RULE_EXTENSION = Rule.FILE_NAME_EXTENSION.id();
    public static final String RULE_TYPE = Rule.FILE_NAME_TYPE.id();
    public static final String RULE_CLIENT = Rule.FILE_NAME_CLIENT.id();
    public static final String RULE_TIMESTAMP = Rule.FILE_NAME_TIMESTAMP.id();
    public static final String RULE_SUFFIX = Rule.FILE_NAME_SUFFIX.id();

    private static final String PREFIX = "GRIDX_";

    public GridxFileName {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(dialect, "dialect");
        if (client.isEmpty() || !isClientText(client)) {
            throw new IllegalArgumentException("client must be non-empty letters, digits, '-' or '_': " + client);
        }
        suffix = suffix == null ? "" : suffix;
        if (!isSuffix(suffix, 0)) {
            throw new IllegalArgumentException("suffix must be groups of [._-] followed by digits: " + suffix);
        }
        // The name carries whole seconds only.
        timestamp = timestamp.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A name without transfer suffix. */
    public static GridxFileName of(String client, GridxFileType type, LocalDateTime timestamp, Dialect dialect,
                                   boolean gzip) {
        return new GridxFileName(client, type, timestamp, "", dialect, gzip);
    }

    /**
     * Parses a file name (a leading directory part is ignored).
     *
     * @throws GridxFileNameException with a {@code GX-FILE-NAME-*} rule id when the name breaks the grammar
     */
    public static GridxFileName parse(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new GridxFileNameException(fileName, RULE_PREFIX, "File name is empty");
        }
        String name = lastSegment(fileName.trim());
        boolean gzip = false;
        if (endsWithIgnoreCase(name, ".gz")) {
            gzip = true;
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        Dialect dialect = dot < 0 ? null : Dialect.find(name.substring(dot + 1));
        if (dialect == null) {
            throw new GridxFileNameException(fileName, RULE_EXTENSION,
                    "File name '" + fileName + "' must end in .csv, .psv or .tsv (optionally followed by .gz)");
        }
        Stem stem = Stem.parse(fileName, name.substring(0, dot));
        return new GridxFileName(stem.client, stem.type, stem.timestamp, stem.suffix, dialect, gzip);
    }

    /** {@code GRIDX_{client}_{TYPE}_yyyyMMddHHmmss{suffix}.{ext}[.gz]}. */
    public String toFileName() {
        return baseName() + suffix + "." + dialect.extension() + (gzip ? ".gz" : "");
    }

    /** {@code GRIDX_{client}_{TYPE}_yyyyMMddHHmmss}: the name without suffix, extension or compression. */
    public String baseName() {
        return PREFIX + client + "_" + type.token() + "_" + formatTimestamp(timestamp);
    }

    /**
     * Whether a Daily Digest {@code File_name} entry denotes this file. The entry may omit the transfer suffix,
     * the extension and {@code .gz}, and may carry a suffix this file lacks; what both sides state must agree
     * (the GRIDX prefix, client and type compared case-insensitively).
     */
    public boolean matchesDigestEntry(String digestFileName) {
        if (digestFileName == null || digestFileName.isBlank()) {
            return false;
        }
        String name = lastSegment(digestFileName.trim());
        if (endsWithIgnoreCase(name, ".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            Dialect entryDialect = Dialect.find(name.substring(dot + 1));
            if (entryDialect != null) {
                if (entryDialect != dialect) {
                    return false;
                }
                name = name.substring(0, dot);
            }
        }
        Stem stem;
        try {
            stem = Stem.parse(digestFileName, name);
        } catch (GridxFileNameException e) {
            return false;
        }
        boolean suffixAgrees = stem.suffix.isEmpty() || suffix.isEmpty() || stem.suffix.equals(suffix);
        return suffixAgrees && stem.type == type && stem.timestamp.equals(timestamp)
                && stem.client.equalsIgnoreCase(client);
    }

    @Override
    public String toString() {
        return toFileName();
    }

    static String formatTimestamp(LocalDateTime t) {
        char[] c = new char[14];
        put(c, 0, t.getYear(), 4);
        put(c, 4, t.getMonthValue(), 2);
        put(c, 6, t.getDayOfMonth(), 2);
        put(c, 8, t.getHour(), 2);
        put(c, 10, t.getMinute(), 2);
        put(c, 12, t.getSecond(), 2);
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String lastSegment(String s) {
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return cut < 0 ? s : s.substring(cut + 1);
    }

    private static boolean endsWithIgnoreCase(String s, String end) {
        return s.regionMatches(true, s.length() - end.length(), end, 0, end.length());
    }

    private static boolean isClientText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Empty, or one or more groups of one separator followed by at least one digit. */
    private static boolean isSuffix(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char sep = s.charAt(i);
            if (sep != '_' && sep != '.' && sep != '-') {
                return false;
            }
            int digitsStart = ++i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == digitsStart) {
                return false;
            }
        }
        return true;
    }

    /** The part of a name before its extension: prefix, client, type, timestamp and suffix. */
    private record Stem(String client, GridxFileType type, LocalDateTime timestamp, String suffix) {

        static Stem parse(String original, String stem) {
            if (!stem.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                throw new GridxFileNameException(original, RULE_PREFIX,
                        "File name '" + original + "' must start with GRIDX_");
            }
            String rest = stem.substring(PREFIX.length());
            String upper = rest.toUpperCase(Locale.ROOT);
            // Rightmost "_TYPE_" wins, so a client code may itself contain underscores.
            int bestAt = -1;
            GridxFileType bestType = null;
            for (GridxFileType t : GridxFileType.values()) {
                int at = upper.lastIndexOf("_" + t.token() + "_");
                if (at > bestAt) {
                    bestAt = at;
                    bestType = t;
                }
            }
            if (bestType == null) {
                for (GridxFileType t : GridxFileType.values()) {
                    if (upper.startsWith(t.token() + "_")) {
                        throw new GridxFileNameException(original, RULE_CLIENT,
                                "File name '" + original + "' has no client code between GRIDX_ and " + t.token());
                    }
                }
                throw new GridxFileNameException(original, RULE_TYPE, "File name '" + original
                        + "' names no known GridX file type followed by a timestamp (expected one of "
                        + java.util.Arrays.toString(GridxFileType.values()) + ")");
            }
            String client = rest.substring(0, bestAt);
            if (client.isEmpty() || !isClientText(client)) {
                throw new GridxFileNameException(original, RULE_CLIENT, "File name '" + original
                        + "' has an invalid client code '" + client + "' (letters, digits, '-' and '_' only)");
            }
            int tsStart = bestAt + bestType.token().length() + 2;
            if (rest.length() < tsStart + 14 || !allDigits(rest, tsStart, tsStart + 14)) {
                throw new GridxFileNameException(original, RULE_TIMESTAMP,
                        "File name '" + original + "' must have a 14-digit timestamp yyyyMMddHHmmss after "
                                + bestType.token() + "_");
            }
            LocalDateTime ts;
            try {
                ts = LocalDateTime.of(num(rest, tsStart, 4), num(rest, tsStart + 4, 2), num(rest, tsStart + 6, 2),
                        num(rest, tsStart + 8, 2), num(rest, tsStart + 10, 2), num(rest, tsStart + 12, 2));
            } catch (DateTimeException e) {
                throw new GridxFileNameException(original, RULE_TIMESTAMP, "File name '" + original
                        + "' has an impossible timestamp '" + rest.substring(tsStart, tsStart + 14) + "'");
            }
            String suffix = rest.substring(tsStart + 14);
            if (!isSuffix(suffix, 0)) {
                throw new GridxFileNameException(original, RULE_SUFFIX, "File name '" + original
                        + "' has unexpected text '" + suffix
                        + "' after the timestamp (only a transfer suffix like _<digits> or .<digits> is allowed)");
            }
            return new Stem(client, bestType, ts, suffix);
        }

        private static boolean allDigits(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    return false;
                }
            }
            return true;
        }

        private static int num(String s, int from, int len) {
            int v = 0;
            for (int i = from; i < from + len; i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return v;
        }
    }
}
