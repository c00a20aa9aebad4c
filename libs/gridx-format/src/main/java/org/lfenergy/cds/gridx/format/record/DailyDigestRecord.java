package org.lfenergy.cds.gridx.format.record;

import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Daily Digest row: one file the client sent that day.
 *
 * @param fileName  File_name as the utility wrote it (may lack the transfer suffix or extension)
 * @param lineCount Line_count, including the header
 * @param md5       MD5, or null
 */
public record DailyDigestRecord(String fileName, long lineCount, String md5) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.DAILYDIGEST;
    }
}
