package org.lfenergy.cds.contracts.ingest;

/**
 * Row counters of a file so far (final once the file is completed).
 *
 * @param rows      data rows read (header excluded)
 * @param published rows published to the file type's topic
 * @param rejected  rows quarantined on {@code gridx.rejects.v1}
 * @param warnings  findings that did not stop a row or the file
 */
public record FileCounts(long rows, long published, long rejected, long warnings) {

    /** All zero, for a file that was only received. */
    public static final FileCounts ZERO = new FileCounts(0, 0, 0, 0);
}
