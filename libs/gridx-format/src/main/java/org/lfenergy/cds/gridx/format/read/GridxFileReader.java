package org.lfenergy.cds.gridx.format.read;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileNameException;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.Severity;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/**
 * Streams the rows of one GridX file without buffering it: optional gzip (by name or magic bytes), strict UTF-8
 * with or without BOM, any line ending, quoted fields, header in any order and case. Problems never throw: the
 * file's own findings are in {@link #fileFindings()}, each row carries its own. Single use, not thread-safe.
 *
 * <pre>{@code
 * try (GridxFileReader reader = GridxFileReader.open(path, ReaderOptions.forClientZone(zone))) {
 *     for (GridxRow row : reader) { ... }
 *     reader.fileFindings(); reader.summary();
 * }
 * }</pre>
 */
public final class GridxFileReader implements Closeable, Iterable<GridxRow> {

    private static final int BUFFER = 1 << 16;

    private final String file;
    private final GridxFileName name;
    private final ReaderOptions options;
    private final InputStream in;
    private final List<Finding> fileFindings = new ArrayList<>();
    private MessageDigest md5;
    private InputStream digested;
    private boolean gzip;
    private RecordTokenizer tokenizer;
    private HeaderMap header;
    private RowParser parser;
    private RecordMapper mapper;
    private boolean failed;
    private boolean done;
    private boolean headerPresent;
    private boolean iterated;
    private GridxRow next;
    private long dataRecords;
    private long accepted;
    private long rejected;

    private GridxFileReader(InputStream in, String file, GridxFileName name, ReaderOptions options) {
        this.in = in;
        this.file = file;
        this.name = name;
        this.options = options;
    }

    /** Opens a file; its name decides type, dialect and compression. */
    public static GridxFileReader open(Path path, ReaderOptions options) throws IOException {
        String fileName = path.getFileName().toString();
        GridxFileName parsed;
        try {
            parsed = GridxFileName.parse(fileName);
        } catch (GridxFileNameException e) {
            return failedOnName(fileName, e);
        }
        GridxFileReader reader = new GridxFileReader(Files.newInputStream(path), fileName, parsed, options);
        reader.start();
        return reader;
    }

    /** Reads a stream received under {@code fileName}; a bad name gives a failed reader with a finding. */
    public static GridxFileReader open(InputStream in, String fileName, ReaderOptions options) {
        GridxFileName parsed;
        try {
            parsed = GridxFileName.parse(fileName);
        } catch (GridxFileNameException e) {
            closeQuietly(in);
            return failedOnName(fileName == null ? "" : fileName, e);
        }
        GridxFileReader reader = new GridxFileReader(in, fileName, parsed, options);
        reader.start();
        return reader;
    }

    /** Reads a stream whose name is already parsed. */
    public static GridxFileReader open(InputStream in, GridxFileName name, ReaderOptions options) {
        GridxFileReader reader = new GridxFileReader(in, name.toFileName(), name, options);
        reader.start();
        return reader;
    }

    private static GridxFileReader failedOnName(String fileName, GridxFileNameException e) {
        GridxFileReader reader = new GridxFileReader(InputStream.nullInputStream(), fileName, null,
                ReaderOptions.defaults());
        Rule rule = ruleOf(e.ruleId());
        reader.fileFindings.add(rule.finding(fileName, 0, null, fileName, e.getMessage()));
        reader.failed = true;
        reader.done = true;
        return reader;
    }

    private static Rule ruleOf(String id) {
        for (Rule r : Rule.values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalStateException("unknown rule " + id);
    }

    // ---- opening ------------------------------------------------------------------------------------------

    private void start() {
        try {
            InputStream source = in;
            if (options.computeMd5()) {
                md5 = newMd5();
                source = new DigestInputStream(source, md5);
                digested = source;
            }
            BufferedInputStream buffered = new BufferedInputStream(source, BUFFER);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = b0 < 0 ? -1 : buffered.read();
            buffered.reset();
            boolean magic = b0 == 0x1f && b1 == 0x8b;
            InputStream text = buffered;
            if (magic) {
                gzip = true;
                if (!name.gzip()) {
                    warnFile(Rule.FILE_GZIP_NAME, "Content is gzip-compressed but the name has no .gz; decompressed");
                }
                text = new GZIPInputStream(buffered, BUFFER);
            } else if (name.gzip() && b0 >= 0) {
                warnFile(Rule.FILE_GZIP_NAME, "Name ends in .gz but the content is not gzip; read as plain text");
            }
            Utf8CharSource chars = new Utf8CharSource(text, BUFFER);
            tokenizer = new RecordTokenizer(chars, name.dialect().delimiter(), options.maxRecordChars(), BUFFER / 2);
            readHeader();
        } catch (IOException e) {
            fail(e, 1);
        }
    }

    private void readHeader() throws IOException {
        while (tokenizer.next()) {
            if (isBlank()) {
                continue;
            }
            headerPresent = true;
            long line = tokenizer.startLine();
            if (tokenizer.problem() == RecordTokenizer.Problem.TOO_LONG) {
                failFile(Rule.FILE_HEADER_TOO_LONG, line, "The header is longer than "
                        + options.maxRecordChars() + " characters");
                return;
            }
            List<String> names = new ArrayList<>(tokenizer.fieldCount());
            for (int i = 0; i < tokenizer.fieldCount(); i++) {
                names.add(tokenizer.field(i));
            }
            header = HeaderMap.build(file, line, name.type(), names);
            fileFindings.addAll(header.findings());
            if (header.failed()) {
                failed = true;
                done = true;
                return;
            }
            parser = new RowParser(file, name.type(), header, tokenizer, options.clientZone());
            mapper = RecordMappers.forType(name.type());
            return;
        }
        // 0 bytes, or only blank lines: a blank file, which the specification welcomes.
        finish();
    }

    private boolean isBlank() {
        return tokenizer.problem() == null && tokenizer.fieldCount() <= 1
                && (tokenizer.fieldCount() == 0 || tokenizer.fieldIsEmpty(0));
    }

    // ---- rows ---------------------------------------------------------------------------------------------

    /** The rows; can be iterated once. */
    @Override
    public Iterator<GridxRow> iterator() {
        if (iterated) {
            throw new IllegalStateException("rows of " + file + " can be read only once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = readNext();
                }
                return next != null;
            }

            @Override
            public GridxRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                GridxRow row = next;
                next = null;
                return row;
            }
        };
    }

    /** The rows as a sequential stream; closing the stream closes the reader. */
    public Stream<GridxRow> rows() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::closeUnchecked);
    }

    private GridxRow readNext() {
        try {
            while (tokenizer.next()) {
                if (isBlank()) {
                    continue;
                }
                dataRecords++;
                GridxRow row = toRow();
                if (row.accepted()) {
                    accepted++;
                } else {
                    rejected++;
                }
                return row;
            }
            finish();
        } catch (IOException e) {
            fail(e, tokenizer.startLine());
        }
        return null;
    }

    private GridxRow toRow() {
        long line = tokenizer.startLine();
        String raw = tokenizer.raw();
        RecordTokenizer.Problem problem = tokenizer.problem();
        if (problem == RecordTokenizer.Problem.TOO_LONG) {
            return rejectedRow(line, raw, Rule.ROW_TOO_LONG.finding(file, line, null, null,
                    "Record is longer than " + options.maxRecordChars() + " characters; skipped to the next line break"));
        }
        if (problem != null) {
            String what = problem == RecordTokenizer.Problem.UNTERMINATED_QUOTE
                    ? "A quoted field is not closed before the end of the file"
                    : "A closing quote is followed by text other than a delimiter";
            return rejectedRow(line, raw, Rule.ROW_QUOTE.finding(file, line, null, null, what));
        }
        int width = header.width();
        int fields = tokenizer.fieldCount();
        // Fewer fields: exports often drop trailing empty cells (the specification's own example does); the
        // missing values read as empty and required ones are reported as such. More fields are fine only if empty.
        if (fields > width && !onlyEmptyFrom(width)) {
            return rejectedRow(line, raw, Rule.ROW_COLUMN_COUNT.finding(file, line, null, String.valueOf(fields),
                    "Row has " + fields + " fields but the header has " + width));
        }
        parser.reset(line);
        GridxRecord record = mapper.map(parser);
        return new GridxRow(file, line, raw, parser.rejected() ? null : record, parser.findings());
    }

    /** Trailing empty fields beyond the header (a trailing delimiter) are tolerated. */
    private boolean onlyEmptyFrom(int from) {
        for (int i = from; i < tokenizer.fieldCount(); i++) {
            if (!tokenizer.fieldIsEmpty(i)) {
                return false;
            }
        }
        return true;
    }

    private GridxRow rejectedRow(long line, String raw, Finding finding) {
        return new GridxRow(file, line, raw, null, List.of(finding));
    }

    // ---- failures -----------------------------------------------------------------------------------------

    private void fail(IOException e, long line) {
        if (e instanceof Utf8CharSource.UndecodableInputException u) {
            String hint = u.byteOffset() < 2 ? " (a UTF-16 file? GridX files must be UTF-8)" : "";
            failFile(Rule.FILE_ENCODING, line, "Undecodable bytes in the record starting on line " + line + ": "
                    + e.getMessage() + hint + "; rows before it were read");
        } else if (gzip && e instanceof EOFException) {
            failFile(Rule.FILE_GZIP_TRUNCATED, line, "The gzip data ends abruptly in the record starting on line "
                    + line + " (file truncated in transfer?); rows before it were read");
        } else if (gzip && e instanceof ZipException) {
            failFile(Rule.FILE_GZIP_CORRUPT, line, "The gzip data is corrupt at the record starting on line " + line
                    + ": " + e.getMessage() + "; rows before it were read");
        } else {
            failFile(Rule.FILE_IO, line, "Reading failed at the record starting on line " + line + ": " + e);
        }
    }

    private void failFile(Rule rule, long line, String message) {
        fileFindings.add(rule.finding(file, line, null, null, message));
        failed = true;
        done = true;
    }

    private void warnFile(Rule rule, String message) {
        fileFindings.add(rule.finding(file, 0, null, null, message));
    }

    private void finish() {
        done = true;
    }

    // ---- results ------------------------------------------------------------------------------------------

    /** File name as received. */
    public String file() {
        return file;
    }

    /** The parsed name, or null when the name itself was rejected. */
    public GridxFileName fileName() {
        return name;
    }

    /** Findings about the file as a whole (name, header, compression, encoding); grows while reading. */
    public List<Finding> fileFindings() {
        return List.copyOf(fileFindings);
    }

    /** Whether a FAIL_FILE finding was raised so far. */
    public boolean failed() {
        return failed || fileFindings.stream().anyMatch(f -> f.severity() == Severity.FAIL_FILE);
    }

    /** Counts so far; final once the rows are exhausted. */
    public ReadSummary summary() {
        String digest = null;
        if (md5 != null && done && !failed) {
            drainForDigest();
            digest = HexFormat.of().formatHex(md5.digest());
            md5 = null;
        }
        return new ReadSummary(tokenizer == null ? 0 : tokenizer.physicalLines(), dataRecords, accepted, rejected,
                headerPresent, failed(), digest);
    }

    /** Gzip trailers and padding may remain unread after the last row; the MD5 covers every byte. */
    private void drainForDigest() {
        try {
            byte[] skip = new byte[BUFFER];
            while (digested.read(skip) >= 0) {
                // drain
            }
        } catch (IOException e) {
            // The digest then covers what could be read; the read itself already succeeded.
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void closeUnchecked() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // nothing more to do for a stream we refuse
        }
    }
}
