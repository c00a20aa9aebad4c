package org.lfenergy.cds.gridx.format.read;

import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Severity;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/**
 * One data row of a file: accepted with its typed record (and any warnings), or rejected with the findings that
 * reject it.
 *
 * @param file     file name as received
 * @param line     physical line the record starts on (the header is line 1)
 * @param raw      the record's text exactly as in the file, without its line break (for quarantine); cut at
 *                 the record length cap for too-long records
 * @param record   the typed record, or null when rejected
 * @param findings warnings, and for a rejected row the rejecting findings
 */
public record GridxRow(String file, long line, String raw, GridxRecord record, List<Finding> findings) {

    public GridxRow {
        findings = List.copyOf(findings);
    }

    public boolean accepted() {
        return record != null;
    }

    public boolean rejected() {
        return record == null;
    }

    /** The findings with severity REJECT_ROW. */
    public List<Finding> rejections() {
        return findings.stream().filter(f -> f.severity() == Severity.REJECT_ROW).toList();
    }

    /** The findings with severity WARN. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARN).toList();
    }

    /** This row with more findings (e.g. from cross-row validation); a REJECT_ROW among them rejects the row. */
    public GridxRow withFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        boolean reject = more.stream().anyMatch(f -> f.severity() == Severity.REJECT_ROW);
        return new GridxRow(file, line, raw, reject ? null : record, all);
    }
}
