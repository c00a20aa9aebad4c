package org.lfenergy.cds.gridx.format.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReadSummary;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;

/** Reads inline files through the public API and runs them through a cross-row validator. */
final class ValidatedFiles {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    /** A file's rows after cross-row checks, and the findings of its end. */
    record Checked(String file, List<GridxRow> rows, List<Finding> atEnd, ReadSummary summary) {
        List<Finding> all() {
            List<Finding> all = new ArrayList<>();
            rows.forEach(r -> all.addAll(r.findings()));
            all.addAll(atEnd);
            return all;
        }

        GridxRow row(int i) {
            return rows.get(i);
        }
    }

    private ValidatedFiles() {
    }

    static String name(GridxFileType type, int seq) {
        return "GRIDX_ACME_" + type.token() + "_202401020304" + String.format("%02d", seq) + ".csv";
    }

    static List<GridxRow> read(String fileName, String content, ReaderOptions options) {
        try (GridxFileReader reader = GridxFileReader.open(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), fileName, options)) {
            List<GridxRow> rows = new ArrayList<>();
            reader.forEach(rows::add);
            if (!reader.fileFindings().isEmpty()) {
                throw new AssertionError("unexpected file findings " + reader.fileFindings());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code rows} (CSV, canonical header) as file number {@code seq} of its type and validates it. */
    static Checked check(CrossRowValidator validator, GridxFileType type, int seq, String... rows) {
        String file = name(type, seq);
        String content = String.join(",", type.headers()) + "\n" + String.join("\n", rows) + "\n";
        List<GridxRow> checked = new ArrayList<>();
        long accepted = 0;
        for (GridxRow row : read(file, content, ReaderOptions.forClientZone(LA))) {
            if (row.rejected()) {
                throw new AssertionError("fixture row rejected by format checks: " + row.findings());
            }
            GridxRow after = row.withFindings(validator.check(row));
            accepted += after.accepted() ? 1 : 0;
            checked.add(after);
        }
        ReadSummary summary = new ReadSummary(rows.length + 1, rows.length, accepted, rows.length - accepted, true,
                false, null);
        return new Checked(file, checked, validator.finishFile(file), summary);
    }
}
