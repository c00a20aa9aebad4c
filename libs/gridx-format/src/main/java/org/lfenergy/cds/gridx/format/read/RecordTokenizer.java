package org.lfenergy.cds.gridx.format.read;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits decoded text into delimited records, RFC 4180 style for any delimiter: quoted fields may hold the
 * delimiter, quotes ({@code ""}) and line breaks; records end at LF, CRLF or CR. Keeps the raw text of each record
 * and the physical line it starts on. A record longer than the cap is cut off: its first characters are kept, the
 * rest up to the next line break is skipped (quotes ignored while skipping, so one bad quote cannot swallow the
 * rest of the file), and the record is flagged {@link Problem#TOO_LONG}.
 */
final class RecordTokenizer {

    /** What is wrong with the current record's syntax, if anything. */
    enum Problem { TOO_LONG, BAD_QUOTE, UNTERMINATED_QUOTE }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_QUOTE = 4;
    private static final int SKIP_TO_EOL = 5;

    private static final byte RAW = 0;
    private static final byte QUOTED_CLEAN = 1;
    private static final byte QUOTED_ESCAPES = 2;

    private final Utf8CharSource source;
    private final char delimiter;
    private final int maxChars;
    private final char[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean pendingLf;

    private char[] rec = new char[512];
    /** Characters the record may hold before growing or hitting the cap: min(rec.length, maxChars). */
    private int room;
    private int recLen;
    private int[] fieldFrom = new int[32];
    private int[] fieldTo = new int[32];
    private byte[] fieldKind = new byte[32];
    private int fieldCount;
    private Problem problem;
    private long startLine;

    private long line = 1;
    private boolean sawAnyChar;
    private boolean lastWasTerminator;

    RecordTokenizer(Utf8CharSource source, char delimiter, int maxChars, int bufferChars) {
        this.source = source;
        this.delimiter = delimiter;
        this.maxChars = maxChars;
        this.buf = new char[bufferChars];
        this.room = Math.min(rec.length, maxChars);
    }

    /**
     * Reads the next record. Returns false at the end of input. An IOException (truncated gzip, bad UTF-8) drops
     * the partly read record: it might be cut short and look valid.
     */
    boolean next() throws IOException {
        recLen = 0;
        fieldCount = 0;
        problem = null;
        startLine = line;
        int state = FIELD_START;
        int fieldStart = 0;
        int contentFrom = 0;
        int contentTo = 0;
        byte kind = RAW;
        boolean any = false;
        boolean crInQuotes = false;
        final char delim = delimiter;
        final boolean spaceOnlyWs = delim == '\t';
        while (true) {
            if (pos >= limit && !fill()) {
                if (!any) {
                    return false;
                }
                if (state == QUOTED) {
                    problem = Problem.UNTERMINATED_QUOTE;
                    kind = RAW;
                } else if (state == QUOTE_IN_QUOTED) {
                    contentTo = recLen - 1;
                }
                endField(state, fieldStart, contentFrom, contentTo, kind);
                lastWasTerminator = false;
                return true;
            }
            char c = buf[pos++];
            if (pendingLf) {
                pendingLf = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            sawAnyChar = true;
            switch (state) {
                case UNQUOTED:
                    // Hot loop: plain field characters.
                    if (c != delim && c != '\n' && c != '\r') {
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    break;
                case FIELD_START:
                    if (c == '"') {
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                            continue;
                        }
                        state = QUOTED;
                        kind = QUOTED_CLEAN;
                        contentFrom = recLen;
                        crInQuotes = false;
                        continue;
                    }
                    if (c == ' ' || (c == '\t' && !spaceOnlyWs)) {
                        // Leading blanks: stay at field start so a quote may still open the field.
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    if (c != delim && c != '\n' && c != '\r') {
                        state = UNQUOTED;
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    break;
                case QUOTED:
                    if (c == '"') {
                        state = QUOTE_IN_QUOTED;
                    } else if (c == '\n') {
                        if (!crInQuotes) {
                            line++;
                        }
                    } else if (c == '\r') {
                        line++;
                    }
                    crInQuotes = c == '\r';
                    if (!append(c)) {
                        state = SKIP_TO_EOL;
                    }
                    continue;
                case QUOTE_IN_QUOTED:
                    if (c == '"') {
                        kind = QUOTED_ESCAPES;
                        state = QUOTED;
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    contentTo = recLen - 1;
                    if (c == ' ' || (c == '\t' && !spaceOnlyWs)) {
                        state = AFTER_QUOTE;
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    if (c != delim && c != '\n' && c != '\r') {
                        markBadQuote();
                        kind = RAW;
                        state = UNQUOTED;
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    break;
                case AFTER_QUOTE:
                    if (c == ' ' || (c == '\t' && !spaceOnlyWs)) {
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    if (c != delim && c != '\n' && c != '\r') {
                        markBadQuote();
                        kind = RAW;
                        state = UNQUOTED;
                        if (!append(c)) {
                            state = SKIP_TO_EOL;
                        }
                        continue;
                    }
                    break;
                case SKIP_TO_EOL:
                    if (c != '\n' && c != '\r') {
                        continue;
                    }
                    break;
                default:
                    throw new IllegalStateException("state " + state);
            }
            // c is a delimiter or a line break outside quotes.
            if (c == delim && state != SKIP_TO_EOL) {
                endField(state, fieldStart, contentFrom, contentTo, kind);
                if (!append(c)) {
                    state = SKIP_TO_EOL;
                    continue;
                }
                fieldStart = recLen;
                kind = RAW;
                state = FIELD_START;
                continue;
            }
            if (c == '\n' || c == '\r') {
                line++;
                pendingLf = c == '\r';
                lastWasTerminator = true;
                if (state != SKIP_TO_EOL) {
                    endField(state, fieldStart, contentFrom, contentTo, kind);
                }
                return true;
            }
        }
    }

    private void markBadQuote() {
        if (problem == null) {
            problem = Problem.BAD_QUOTE;
        }
    }

    /** Appends to the record; false (and the record flagged too long) once the cap is reached. */
    private boolean append(char c) {
        if (recLen == room) {
            if (recLen >= maxChars) {
                problem = Problem.TOO_LONG;
                fieldCount = 0;
                return false;
            }
            rec = Arrays.copyOf(rec, (int) Math.min((long) maxChars, rec.length * 2L));
            room = Math.min(rec.length, maxChars);
        }
        rec[recLen++] = c;
        return true;
    }

    private void endField(int state, int fieldStart, int contentFrom, int contentTo, byte kind) {
        if (problem == Problem.TOO_LONG) {
            return;
        }
        if (fieldCount == fieldFrom.length) {
            int n = fieldCount * 2;
            fieldFrom = Arrays.copyOf(fieldFrom, n);
            fieldTo = Arrays.copyOf(fieldTo, n);
            fieldKind = Arrays.copyOf(fieldKind, n);
        }
        boolean quotedOk = kind != RAW && (state == QUOTE_IN_QUOTED || state == AFTER_QUOTE);
        if (quotedOk) {
            fieldFrom[fieldCount] = contentFrom;
            fieldTo[fieldCount] = contentTo;
            fieldKind[fieldCount] = kind;
        } else {
            fieldFrom[fieldCount] = fieldStart;
            fieldTo[fieldCount] = recLen;
            fieldKind[fieldCount] = RAW;
        }
        fieldCount++;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = source.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        if (!started) {
            started = true;
            if (n > 0 && buf[0] == '\uFEFF') {
                pos = 1; // byte order mark: not part of the header
            }
        }
        return pos < limit || fill();
    }

    /** Physical line where the current record starts (1-based). */
    long startLine() {
        return startLine;
    }

    /** Number of physical lines read so far; after the end of input, the file's line count. */
    long physicalLines() {
        if (!sawAnyChar) {
            return 0;
        }
        return lastWasTerminator ? line - 1 : line;
    }

    Problem problem() {
        return problem;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** An empty line: nothing between two line breaks. */
    boolean isBlankLine() {
        return recLen == 0 && problem == null;
    }

    /** The record exactly as in the file, without its line break (cut at the cap for too-long records). */
    String raw() {
        return new String(rec, 0, recLen);
    }

    /** Field value: quotes removed and {@code ""} unescaped for quoted fields; unquoted fields trimmed. */
    String field(int i) {
        int from = fieldFrom[i];
        int to = fieldTo[i];
        byte kind = fieldKind[i];
        if (kind == QUOTED_CLEAN) {
            return new String(rec, from, to - from);
        }
        if (kind == QUOTED_ESCAPES) {
            StringBuilder b = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                char c = rec[k];
                b.append(c);
                if (c == '"') {
                    k++; // skip the second quote of the pair
                }
            }
            return b.toString();
        }
        while (from < to && isBlank(rec[from])) {
            from++;
        }
        while (to > from && isBlank(rec[to - 1])) {
            to--;
        }
        return from == to ? "" : new String(rec, from, to - from);
    }

    /** Whether field i is empty after trimming (cheap, no String created). */
    boolean fieldIsEmpty(int i) {
        if (fieldKind[i] != RAW) {
            return fieldTo[i] == fieldFrom[i];
        }
        for (int k = fieldFrom[i]; k < fieldTo[i]; k++) {
            if (!isBlank(rec[k])) {
                return false;
            }
        }
        return true;
    }

    private boolean isBlank(char c) {
        return c == ' ' || (c == '\t' && delimiter != '\t');
    }
}
