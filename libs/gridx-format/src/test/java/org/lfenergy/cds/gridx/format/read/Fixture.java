package org.lfenergy.cds.gridx.format.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.lfenergy.cds.gridx.format.Finding;

/** Reads inline fixture text and keeps everything a test wants to look at. */
record Fixture(List<GridxRow> rows, List<Finding> fileFindings, ReadSummary summary) {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    static Fixture read(String fileName, String content) {
        return read(fileName, content.getBytes(StandardCharsets.UTF_8), ReaderOptions.forClientZone(LA));
    }

    static Fixture read(String fileName, byte[] content, ReaderOptions options) {
        try (GridxFileReader reader = GridxFileReader.open(new ByteArrayInputStream(content), fileName, options)) {
            List<GridxRow> rows = new ArrayList<>();
            for (GridxRow row : reader) {
                rows.add(row);
            }
            return new Fixture(rows, reader.fileFindings(), reader.summary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    GridxRow row(int i) {
        return rows.get(i);
    }

    List<Finding> allFindings() {
        List<Finding> all = new ArrayList<>(fileFindings);
        rows.forEach(r -> all.addAll(r.findings()));
        return all;
    }
}
