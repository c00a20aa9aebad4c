package org.lfenergy.cds.gridx.generator.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/**
 * One GridX file being written: the header row first, then data rows streamed through a byte buffer, with the MD5
 * of the bytes as stored (after gzip) computed on the way out.
 *
 * <p>Rows are built field by field ({@link #text}, {@link #fixed}, ...); the delimiter is inserted before every
 * field but the first of a row. Hot loops may pass pre-encoded bytes ({@link #field(byte[])},
 * {@link #append(byte[])}) so that no String is created per row. Values never need quoting: {@link #text} refuses
 * delimiters, quotes and line breaks, so the same bytes are valid CSV, PSV and TSV.
 */
public final class GridxFileSink implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final byte[] NEWLINE = {'\n'};

    private final GridxFileType type;
    private final String fileName;
    private final Path path;
    private final byte delimiter;
    private final MessageDigest md5;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private long flushedBytes;
    private long rows;
    private boolean rowHasField;
    private WrittenFile written;

    private GridxFileSink(GridxFileType type, String fileName, Path path, byte delimiter, MessageDigest md5,
                          OutputStream out) {
        this.type = type;
        this.fileName = fileName;
        this.path = path;
        this.delimiter = delimiter;
        this.md5 = md5;
        this.out = out;
    }

    /** Creates (or truncates) {@code directory/name} and writes the header row of the name's file type. */
    public static GridxFileSink open(Path directory, GridxFileName name) throws IOException {
        String fileName = name.toFileName();
        Path path = directory.resolve(fileName);
        MessageDigest md5 = newMd5();
        OutputStream file = new DigestOutputStream(Files.newOutputStream(path), md5);
        OutputStream out = file;
        if (name.gzip()) {
            // BEST_SPEED: benchmark files are large and gzip dominates the cost; Java writes a fixed gzip
            // header (no time stamp), so the bytes stay deterministic.
            out = new GZIPOutputStream(new BufferedOutputStream(file, BUFFER_BYTES), BUFFER_BYTES) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        GridxFileSink sink = new GridxFileSink(name.type(), fileName, path, (byte) name.dialect().delimiter(), md5,
                out);
        for (String header : name.type().headers()) {
            sink.text(header);
        }
        sink.endLine();
        return sink;
    }

    /** The delimiter byte of this file's dialect. */
    public byte delimiter() {
        return delimiter;
    }

    /** Data rows ended so far (the header not counted). */
    public long rows() {
        return rows;
    }

    /** Uncompressed bytes produced so far, header included. */
    public long uncompressedBytes() {
        return flushedBytes + position;
    }

    /** A text field; refuses characters that would need quoting in some dialect. */
    public GridxFileSink text(String value) {
        startField();
        if (value == null) {
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '|' || c == '\t' || c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("Generated value needs quoting: '" + value + "'");
            }
            if (c >= 0x80) {
                putBytes(value.substring(i).getBytes(StandardCharsets.UTF_8));
                return this;
            }
            putByte((byte) c);
        }
        return this;
    }

    /** An empty field (a null value). */
    public GridxFileSink empty() {
        startField();
        return this;
    }

    /** A whole number. */
    public GridxFileSink number(long value) {
        return fixed(value, 0);
    }

    /** A decimal in plain notation, keeping its scale. */
    public GridxFileSink decimal(BigDecimal value) {
        return text(value.toPlainString());
    }

    /** The decimal {@code unscaled / 10^scale} in plain notation with exactly {@code scale} fraction digits. */
    public GridxFileSink fixed(long unscaled, int scale) {
        startField();
        if (unscaled < 0) {
            putByte((byte) '-');
            unscaled = -unscaled;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        putDigits(unscaled / pow, 1);
        if (scale > 0) {
            putByte((byte) '.');
            putDigits(unscaled % pow, scale);
        }
        return this;
    }

    /** A field made of pre-encoded bytes (which may already hold delimiters joining several fields). */
    public GridxFileSink field(byte[] encoded) {
        startField();
        putBytes(encoded);
        return this;
    }

    /** Appends pre-encoded bytes to the current field. */
    public GridxFileSink append(byte[] encoded) {
        putBytes(encoded);
        return this;
    }

    /** Ends the current data row. */
    public void endRow() {
        endLine();
        rows++;
    }

    /** Flushes, finishes compression and returns what was written; idempotent. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /** Closes the file (if still open) and describes it. */
    public WrittenFile finish() throws IOException {
        if (written == null) {
            drain();
            out.close();
            written = new WrittenFile(type, fileName, path, rows, rows + 1, Files.size(path),
                    HexFormat.of().formatHex(md5.digest()));
        }
        return written;
    }

    private void endLine() {
        putBytes(NEWLINE);
        rowHasField = false;
    }

    private void startField() {
        if (rowHasField) {
            putByte(delimiter);
        }
        rowHasField = true;
    }

    private void putDigits(long value, int minDigits) {
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        digits = Math.max(digits, minDigits);
        if (position + digits > buffer.length) {
            drain();
        }
        for (int i = position + digits - 1; i >= position; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position += digits;
    }

    private void putByte(byte b) {
        if (position == buffer.length) {
            drain();
        }
        buffer[position++] = b;
    }

    private void putBytes(byte[] bytes) {
        if (position + bytes.length > buffer.length) {
            drain();
            if (bytes.length > buffer.length) {
                write(bytes, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void drain() {
        write(buffer, position);
        position = 0;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Writing " + path + " failed", e);
        }
        flushedBytes += length;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides MD5", e);
        }
    }
}
