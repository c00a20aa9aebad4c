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

    public void countReject(String ruleId) {
        rejectedRows++;
        rejectsByRule.merge(ruleId, 1L, Long::sum);
    }
}
