package org.lfenergy.cds.gridx.format;

/** A file name that does not follow the GridX grammar; {@link #ruleId()} says which part is wrong. */
public final class GridxFileNameException extends IllegalArgumentException {

    private final String fileName;
    private final String ruleId;

    public GridxFileNameException(String fileName, String ruleId, String message) {
        super(message);
        this.fileName = fileName;
        this.ruleId = ruleId;
    }

    /** The offending file name as given. */
    public String fileName() {
        return fileName;
    }

    /** Stable rule id, e.g. {@code GX-FILE-NAME-TYPE}. */
    public String ruleId() {
        return ruleId;
    }
}
