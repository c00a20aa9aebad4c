package org.lfenergy.cds.contracts.ingest;

/**
 * One difference between a Daily Digest and the files actually received.
 *
 * @param fileName          the file name as listed in the digest
 * @param ruleId            {@code GX-XFILE-DIGEST-MISSING}, {@code GX-XFILE-DIGEST-LINE-COUNT} or
 *                          {@code GX-XFILE-DIGEST-MD5}
 * @param reason            human-readable explanation
 * @param receivedFileId    id of the received file, null when it is missing
 * @param expectedLineCount Line_count from the digest
 * @param actualLineCount   lines of the received file (header included), null when missing
 * @param expectedMd5       MD5 from the digest, null if the digest gave none
 * @param actualMd5         MD5 of the received bytes, null when missing
 */
public record DigestDiscrepancy(String fileName, String ruleId, String reason, String receivedFileId,
                                Long expectedLineCount, Long actualLineCount, String expectedMd5,
                                String actualMd5) {
}
