package org.lfenergy.cds.contracts.gridx;

/**
 * One row of a Daily Digest (DAILYDIGEST): a file the client says it sent today.
 *
 * @param fileName  File_name as listed by the client
 * @param lineCount Line_count, lines of that file including its header
 * @param md5       MD5 as sent (the specification calls it a number; it is a 32-hex-digit text), null if absent
 */
public record DigestEntryPayload(String fileName, long lineCount, String md5) implements GridxPayload {
}
