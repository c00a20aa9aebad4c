package org.lfenergy.cds.gridx.format.read;

/**
 * Counts of one read, complete once the rows are exhausted.
 *
 * @param physicalLines lines in the file, header included (a quoted line break starts a new physical line)
 * @param dataRecords   data records (blank lines not counted)
 * @param acceptedRows  rows returned with a record
 * @param rejectedRows  rows returned rejected
 * @param headerPresent whether the file had a header record (false for a 0-byte file)
 * @param failed        whether a FAIL_FILE finding was raised
 * @param md5           hex MD5 of the bytes read, when requested and the whole file was read; otherwise null
 */
public record ReadSummary(long physicalLines, long dataRecords, long acceptedRows, long rejectedRows,
                          boolean headerPresent, boolean failed, String md5) {

    /** Header plus data records: what a Daily Digest Line_count should say (see also {@link #physicalLines}). */
    public long recordLines() {
        return dataRecords + (headerPresent ? 1 : 0);
    }

    /** A file with no data rows (0 bytes or header only) that did not fail: welcome per the specification. */
    public boolean blank() {
        return dataRecords == 0 && !failed;
    }
}
