package org.lfenergy.cds.contracts;

import java.util.Objects;

/**
 * Where a row event comes from: the ingested file and the physical line in it.
 *
 * @param fileId   the ingest service's id of the received file (stable for that file's bytes)
 * @param fileName the GridX file name as received, e.g. {@code GRIDX_DEMO_CUSTOMER_20240301120000.csv}
 * @param line     1-based physical line number in the file (the header is line 1)
 */
public record EventSource(String fileId, String fileName, long line) {

    public EventSource {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(fileName, "fileName");
    }
}
