package org.lfenergy.cds.gridx.format.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReadSummary;
import org.lfenergy.cds.gridx.format.record.DailyDigestRecord;

/**
 * Compares a Daily Digest with the files that arrived: each listed file must be there, with the listed line count
 * (header included; either counting records or physical lines is accepted, since quoted line breaks make them
 * differ) and, when both are known, the same MD5. Findings warn; the ingest service decides what to hold back.
 */
public final class DigestReconciler {

    /** A file that arrived, as read. */
    public record ArrivedFile(GridxFileName name, String receivedAs, ReadSummary summary) {
    }

    private DigestReconciler() {
    }

    public static List<Finding> reconcile(List<GridxRow> digestRows, Collection<ArrivedFile> arrived) {
        List<Finding> findings = new ArrayList<>();
        for (GridxRow row : digestRows) {
            if (!(row.record() instanceof DailyDigestRecord entry)) {
                continue;
            }
            ArrivedFile match = arrived.stream().filter(a -> a.name().matchesDigestEntry(entry.fileName()))
                    .findFirst().orElse(null);
            if (match == null) {
                findings.add(Rule.XFILE_DIGEST_MISSING.finding(row.file(), row.line(), "File_name", entry.fileName(),
                        "File " + entry.fileName() + " is listed in the Daily Digest but did not arrive"));
                continue;
            }
            ReadSummary s = match.summary();
            if (entry.lineCount() != s.recordLines() && entry.lineCount() != s.physicalLines()) {
                findings.add(Rule.XFILE_DIGEST_LINE_COUNT.finding(match.receivedAs(), 0, "Line_count",
                        String.valueOf(entry.lineCount()), "The Daily Digest (" + row.file() + " line " + row.line()
                                + ") lists " + entry.lineCount() + " lines but the file has " + s.recordLines()
                                + " (" + s.physicalLines() + " physical lines)"));
            }
            if (entry.md5() != null && s.md5() != null && !entry.md5().equalsIgnoreCase(s.md5())) {
                findings.add(Rule.XFILE_DIGEST_MD5.finding(match.receivedAs(), 0, "MD5", entry.md5(),
                        "The Daily Digest lists MD5 " + entry.md5() + " but the file's bytes hash to " + s.md5()));
            }
        }
        return findings;
    }
}
