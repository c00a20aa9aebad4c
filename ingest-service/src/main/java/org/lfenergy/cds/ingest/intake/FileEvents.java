package org.lfenergy.cds.ingest.intake;

import org.lfenergy.cds.ingest.processing.FileProcessor;
import org.lfenergy.cds.ingest.registry.IngestFile;

/** Announces a file's lifecycle to data teams (topic gridx.files.v1). */
public interface FileEvents {

    void received(IngestFile file);

    void duplicate(IngestFile file, IngestFile original);

    void finished(IngestFile file, FileProcessor.Outcome outcome);

    void failed(IngestFile file, String reason);

    /** A Daily Digest's reconciliation, published when the digest is processed and whenever a listed file arrives. */
    void digestReconciled(IngestFile digest, java.util.List<org.lfenergy.cds.ingest.digest.DigestEntry> entries);
}
