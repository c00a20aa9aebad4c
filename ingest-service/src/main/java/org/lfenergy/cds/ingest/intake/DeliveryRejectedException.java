package org.lfenergy.cds.ingest.intake;

/** A delivery that cannot become a registry entry at all (e.g. a file name outside the GridX grammar). */
public class DeliveryRejectedException extends RuntimeException {

    private final String ruleId;
    private final String fileName;

    public DeliveryRejectedException(String fileName, String ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
        this.fileName = fileName;
    }

    public String ruleId() {
        return ruleId;
    }

    public String fileName() {
        return fileName;
    }
}
