package org.lfenergy.cds.gridx.format;

import java.util.Objects;

/**
 * One validation result, always naming where it happened and why.
 *
 * @param file     file name as received (never null)
 * @param line     physical line where the record starts (header = 1); 0 when the finding is about the file itself
 * @param column   canonical column name, or null when no single column is at fault
 * @param value    offending value as found (may be truncated to 200 chars), or null
 * @param ruleId   stable rule id, see {@link Rule}
 * @param severity what the finding does
 * @param message  plain English explanation
 */
public record Finding(String file, long line, String column, String value, String ruleId, Severity severity,
                      String message) {

    private static final int MAX_VALUE_CHARS = 200;

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        // A finding may be about a 1 MB garbage field; keep findings small enough to log and publish.
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS) + "…";
        }
    }

    public boolean rejectsRow() {
        return severity == Severity.REJECT_ROW;
    }

    public boolean failsFile() {
        return severity == Severity.FAIL_FILE;
    }

    @Override
    public String toString() {
        return severity + " " + ruleId + " " + file + ":" + line + (column == null ? "" : " [" + column + "]")
                + (value == null ? "" : " '" + value + "'") + ": " + message;
    }
}
