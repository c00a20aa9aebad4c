package org.lfenergy.cds.ingest.registry;

import java.util.HashMap;
import java.util.Map;

/** Running counts of one file's processing. Mutable: owned by the single thread processing that file. */
public final class FileCounts {
    public long physicalLines;
    public long dataRows;
    public long publishedRows;
    public long rejectedRows;
    public long warnings;
    public long committedThroughLine;
    public final Map<String, Long> rejectsByRule = new HashMap<>();

    /** The counts the registry holds for the file (as of its last checkpoint). */
    public static FileCounts of(IngestFile file) {
        FileCounts counts = new FileCounts();
        counts.physicalLines = file.physicalLines();
        counts.dataRows = file.dataRows();
        counts.publishedRows = file.publishedRows();
        counts.rejectedRows = file.rejectedRows();
        counts.warnings = file.warnings();
        counts.committedThroughLine = file.committedThroughLine();
        if (file.rejectsByRule() != null) {
            counts.rejectsByRule.putAll(file.rejectsByRule());
        }
        return counts;
    }

    public void countReject(String ruleId) {
        rejectedRows++;
        rejectsByRule.merge(ruleId, 1L, Long::sum);
    }
}
