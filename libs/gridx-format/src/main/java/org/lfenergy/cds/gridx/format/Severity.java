package org.lfenergy.cds.gridx.format;

/** What a finding does to the data it is about. */
public enum Severity {
    /** The row is not published; it goes to quarantine. Later rows are still read. */
    REJECT_ROW,
    /** The row or file is accepted; the finding is reported. */
    WARN,
    /** The whole file is refused (rows already read before a mid-file break stay good). */
    FAIL_FILE
}
