package org.lfenergy.cds.gridx.format;

/** Every validation rule with its stable id and severity; docs/gridx-validation.md describes each one. */
public enum Rule {
    // --- file level ---------------------------------------------------------------------------------------
    FILE_NAME_PREFIX("GX-FILE-NAME-PREFIX", Severity.FAIL_FILE, "File name does not start with GRIDX_"),
    FILE_NAME_EXTENSION("GX-FILE-NAME-EXTENSION", Severity.FAIL_FILE, "Extension is not .csv, .psv or .tsv (optionally + .gz)"),
    FILE_NAME_TYPE("GX-FILE-NAME-TYPE", Severity.FAIL_FILE, "File name names no known GridX file type"),
    FILE_NAME_CLIENT("GX-FILE-NAME-CLIENT", Severity.FAIL_FILE, "Client code is empty or has illegal characters"),
    FILE_NAME_TIMESTAMP("GX-FILE-NAME-TIMESTAMP", Severity.FAIL_FILE, "Timestamp is not a valid yyyyMMddHHmmss"),
    FILE_NAME_SUFFIX("GX-FILE-NAME-SUFFIX", Severity.FAIL_FILE, "Text after the timestamp is not a transfer suffix"),
    FILE_HEADER_MISSING("GX-FILE-HEADER-MISSING", Severity.FAIL_FILE, "A required column is missing from the header"),
    FILE_HEADER_DUPLICATE("GX-FILE-HEADER-DUPLICATE", Severity.FAIL_FILE, "A column appears twice in the header"),
    FILE_HEADER_TOO_LONG("GX-FILE-HEADER-TOO-LONG", Severity.FAIL_FILE, "The header record exceeds the record length cap"),
    FILE_HEADER_UNKNOWN("GX-FILE-HEADER-UNKNOWN", Severity.WARN, "Header has a column the specification does not define"),
    FILE_HEADER_BLANK("GX-FILE-HEADER-BLANK", Severity.WARN, "Header has an empty column name; the column is ignored"),
    FILE_ENCODING("GX-FILE-ENCODING", Severity.FAIL_FILE, "Bytes are not valid UTF-8"),
    FILE_GZIP_TRUNCATED("GX-FILE-GZIP-TRUNCATED", Severity.FAIL_FILE, "Gzip stream ends before its end marker"),
    FILE_GZIP_CORRUPT("GX-FILE-GZIP-CORRUPT", Severity.FAIL_FILE, "Gzip stream is corrupt"),
    FILE_GZIP_NAME("GX-FILE-GZIP-NAME", Severity.WARN, "Compression does not match the .gz in the name"),
    FILE_IO("GX-FILE-IO", Severity.FAIL_FILE, "The file could not be read"),

    // --- row level ----------------------------------------------------------------------------------------
    ROW_TOO_LONG("GX-ROW-TOO-LONG", Severity.REJECT_ROW, "Record exceeds the record length cap"),
    ROW_QUOTE("GX-ROW-QUOTE", Severity.REJECT_ROW, "Malformed or unterminated quoted field"),
    ROW_COLUMN_COUNT("GX-ROW-COLUMN-COUNT", Severity.REJECT_ROW, "Row has a different number of fields than the header"),
    ROW_REQUIRED("GX-ROW-REQUIRED", Severity.REJECT_ROW, "A required value is empty"),
    ROW_DATETIME("GX-ROW-DATETIME", Severity.REJECT_ROW, "Value is not a yyyyMMddHHmm date-time (or a date)"),
    ROW_DATE("GX-ROW-DATE", Severity.REJECT_ROW, "Value is not a yyyyMMdd or yyyy-MM-dd date"),
    ROW_TIME("GX-ROW-TIME", Severity.REJECT_ROW, "Value is not an HHmmss time"),
    ROW_DECIMAL("GX-ROW-DECIMAL", Severity.REJECT_ROW, "Value is not a plain decimal number"),
    ROW_INTEGER("GX-ROW-INTEGER", Severity.REJECT_ROW, "Value is not a whole number"),
    ROW_FLAG("GX-ROW-FLAG", Severity.REJECT_ROW, "Value is not 0 or 1"),
    ROW_YEAR("GX-ROW-YEAR", Severity.REJECT_ROW, "Value is not a four-digit year"),
    ROW_MONTH("GX-ROW-MONTH", Severity.REJECT_ROW, "Value is not a month 1..12"),
    ROW_TIMEZONE("GX-ROW-TIMEZONE", Severity.REJECT_ROW, "Value is not an IANA time zone or UTC"),
    ROW_DST_GAP("GX-ROW-DST-GAP", Severity.REJECT_ROW, "Local time does not exist (daylight-saving spring-forward gap)"),
    ROW_DST_AMBIGUOUS("GX-ROW-DST-AMBIGUOUS", Severity.WARN, "Local time occurs twice (fall-back); the earlier offset is used"),
    ROW_RANGE_ORDER("GX-ROW-RANGE-ORDER", Severity.REJECT_ROW, "Start is after end"),
    ROW_RANGE("GX-ROW-RANGE", Severity.REJECT_ROW, "Value is outside its allowed range"),
    ROW_DECIMAL_PRECISION("GX-ROW-DECIMAL-PRECISION", Severity.WARN, "Decimal exceeds the preferred precision/scale"),
    ROW_ENUM_UNKNOWN("GX-ROW-ENUM-UNKNOWN", Severity.WARN, "Code is not one the specification lists"),
    ROW_INTERVAL_DATE_MISMATCH("GX-ROW-INTERVAL-DATE-MISMATCH", Severity.WARN, "Date_of_interval disagrees with Datetime_of_interval"),
    ROW_NUM_DAYS("GX-ROW-NUM-DAYS", Severity.WARN, "Num_Days disagrees with the cycle dates"),
    ROW_MD5("GX-ROW-MD5", Severity.WARN, "MD5 is not 32 hex digits"),
    ROW_DETAIL_AMOUNT("GX-ROW-DETAIL-AMOUNT", Severity.WARN, "Quantity x price differs from the line amount beyond tolerance"),

    // --- across rows and files -------------------------------------------------------------------------------
    XROW_CONTRACT_METERACCOUNT_1TO1("GX-XROW-CONTRACT-METERACCOUNT-1TO1", Severity.REJECT_ROW, "Contract_ID and MeterAccount_ID are not 1:1"),
    XROW_BILL_METERACCOUNT_MISMATCH("GX-XROW-BILL-METERACCOUNT-MISMATCH", Severity.WARN, "Bill names a meter account other than its contract's"),
    XROW_METER_INSTALL_OVERLAP("GX-XROW-METER-INSTALL-OVERLAP", Severity.REJECT_ROW, "Meter install periods overlap"),
    XROW_BILL_ID_REUSED("GX-XROW-BILL-ID-REUSED", Severity.REJECT_ROW, "Bill_ID reused with different content"),
    XROW_CANCEL_UNKNOWN_BILL("GX-XROW-CANCEL-UNKNOWN-BILL", Severity.REJECT_ROW, "Cancellation of a Bill_ID never received"),
    XROW_REBILL_SAME_ID("GX-XROW-REBILL-SAME-ID", Severity.REJECT_ROW, "Rebill reuses the cancelled Bill_ID"),
    XROW_BILL_GAP("GX-XROW-BILL-GAP", Severity.WARN, "Bills of a contract are not continuous"),
    XROW_BILL_OVERLAP("GX-XROW-BILL-OVERLAP", Severity.WARN, "Bills of a contract overlap"),
    XROW_DETAIL_SUM("GX-XROW-DETAIL-SUM", Severity.WARN, "Sum of line amounts differs from the bill total"),
    XROW_DETAIL_UNKNOWN_BILL("GX-XROW-DETAIL-UNKNOWN-BILL", Severity.WARN, "Bill detail for a Bill_ID not (yet) received"),
    XROW_CHARGE_CODE_MEANING("GX-XROW-CHARGE-CODE-MEANING", Severity.WARN, "Charge code has two meanings within one tariff"),
    XROW_CYCLE_GAP("GX-XROW-CYCLE-GAP", Severity.WARN, "Billing cycles of a Read_Cycle are not continuous"),
    XROW_CYCLE_OVERLAP("GX-XROW-CYCLE-OVERLAP", Severity.WARN, "Billing cycles of a Read_Cycle overlap"),
    XROW_REGISTER_INTERVAL_SUM("GX-XROW-REGISTER-INTERVAL-SUM", Severity.WARN, "Difference of consecutive register reads differs from the sum of intervals"),
    XFILE_DIGEST_MISSING("GX-XFILE-DIGEST-MISSING", Severity.WARN, "A file listed in the Daily Digest did not arrive"),
    XFILE_DIGEST_LINE_COUNT("GX-XFILE-DIGEST-LINE-COUNT", Severity.WARN, "Line count differs from the Daily Digest"),
    XFILE_DIGEST_MD5("GX-XFILE-DIGEST-MD5", Severity.WARN, "MD5 differs from the Daily Digest");

    private final String id;
    private final Severity severity;
    private final String summary;

    Rule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    /** Stable id, e.g. {@code GX-ROW-REQUIRED}. */
    public String id() {
        return id;
    }

    /** The severity findings of this rule carry. */
    public Severity severity() {
        return severity;
    }

    /** One-line description. */
    public String summary() {
        return summary;
    }

    /** A finding of this rule. */
    public Finding finding(String file, long line, String column, String value, String message) {
        return new Finding(file, line, column, value, id, severity, message);
    }

    @Override
    public String toString() {
        return id;
    }
}
