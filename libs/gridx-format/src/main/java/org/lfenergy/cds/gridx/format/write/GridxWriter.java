package org.lfenergy.cds.gridx.format.write;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.lfenergy.cds.gridx.format.GridxFileName;

/**
 * Writes a GridX file in the dialect and compression its name says: UTF-8 without BOM, LF line ends, the header
 * first, values quoted only when needed. What it writes, {@code GridxFileReader} reads back unchanged.
 */
public final class GridxWriter implements Closeable, Flushable {

    private final CSVPrinter printer;
    private final int width;
    private long lines;

    private GridxWriter(CSVPrinter printer, int width) {
        this.printer = printer;
        this.width = width;
    }

    /** A writer with the type's canonical header. */
    public static GridxWriter open(OutputStream out, GridxFileName name) throws IOException {
        return open(out, name, name.type().headers());
    }

    /** A writer with a custom header (e.g. reordered, or with extra columns for tests). */
    public static GridxWriter open(OutputStream out, GridxFileName name, List<String> header) throws IOException {
        OutputStream sink = name.gzip() ? new GZIPOutputStream(out, 1 << 16) : out;
        BufferedWriter text = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(name.dialect().delimiter())
                .setRecordSeparator("\n")
                .setQuoteMode(QuoteMode.MINIMAL)
                .build();
        GridxWriter writer = new GridxWriter(new CSVPrinter(text, format), header.size());
        writer.writeRow(header);
        return writer;
    }

    /** One row; null values are written empty. */
    public void writeRow(List<String> values) throws IOException {
        if (values.size() != width) {
            throw new IllegalArgumentException("row has " + values.size() + " values, header has " + width);
        }
        printer.printRecord(values);
        lines++;
    }

    public void writeRow(String... values) throws IOException {
        writeRow(Arrays.asList(values));
    }

    /** Records written so far, header included: the Daily Digest Line_count when no value holds a line break. */
    public long lines() {
        return lines;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
