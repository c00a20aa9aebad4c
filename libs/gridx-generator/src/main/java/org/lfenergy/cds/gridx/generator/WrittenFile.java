package org.lfenergy.cds.gridx.generator;

import java.nio.file.Path;

import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * One file the generator wrote.
 *
 * @param dataRows  rows after the header
 * @param lineCount lines including the header, as the Daily Digest counts them
 * @param bytes     size on disk (compressed when gzip is on)
 * @param md5       lower-case hex MD5 of the bytes on disk
 */
public record WrittenFile(GridxFileType type, String fileName, Path path, long dataRows, long lineCount, long bytes,
                          String md5) {
}
