package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLDETERMINANTS;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLING;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGCYCLE;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGDETAIL;
import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMER;
import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMERATTRIBUTE;
import static org.lfenergy.cds.gridx.format.GridxFileType.DAILYDIGEST;
import static org.lfenergy.cds.gridx.format.GridxFileType.EVENT;
import static org.lfenergy.cds.gridx.format.GridxFileType.INTERVAL;
import static org.lfenergy.cds.gridx.format.GridxFileType.METERACCOUNTMETER;
import static org.lfenergy.cds.gridx.format.GridxFileType.NETWORK;
import static org.lfenergy.cds.gridx.format.GridxFileType.RATEVALUES;
import static org.lfenergy.cds.gridx.format.GridxFileType.REGISTER;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.Severity;

/**
 * Every bad value a row can carry, one case each. The bad row is line 3 between two good rows: the case checks
 * the exact rule, line, column and value, that a rejected row yields no record, and that the next row is still
 * read.
 */
class BadRowTest {

    record Case(String name, GridxFileType type, String row, Rule rule, String column, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The good row with {@code column} set to {@code value}; the finding names that column and value. */
    static Case bad(String name, GridxFileType type, String column, String value, Rule rule) {
        return new Case(name, type, GoodRows.with(type, column, value), rule, column, value);
    }

    static Case raw(String name, GridxFileType type, String row, Rule rule, String column, String value) {
        return new Case(name, type, row, rule, column, value);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // CUSTOMER
                bad("rejectsCustomerWithoutPersonId", CUSTOMER, "Person_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsCustomerWithNullLiteralEntityId", CUSTOMER, "Entity_ID", "NULL", Rule.ROW_REQUIRED),
                bad("rejectsCustomerWithoutContractId", CUSTOMER, "Contract_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsCustomerWithoutMeterAccountId", CUSTOMER, "MeterAccount_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsCustomerWithoutContractStart", CUSTOMER, "Contract_start_date", "", Rule.ROW_REQUIRED),
                bad("rejectsContractStartWithMonth13", CUSTOMER, "Contract_start_date", "2024-13-01", Rule.ROW_DATETIME),
                bad("rejectsContractStartOnFebruary30", CUSTOMER, "Contract_start_date", "20240230", Rule.ROW_DATETIME),
                bad("rejectsContractStartWithMinute60", CUSTOMER, "Contract_start_date", "202401011260", Rule.ROW_DATETIME),
                bad("rejectsContractStartWithSlashes", CUSTOMER, "Contract_start_date", "2024/01/01", Rule.ROW_DATETIME),
                bad("rejectsContractEndWithHour25", CUSTOMER, "Contract_end_date", "202401012500", Rule.ROW_DATETIME),
                bad("rejectsContractEndingBeforeItStarts", CUSTOMER, "Contract_end_date", "20231230", Rule.ROW_RANGE_ORDER),
                // METERACCOUNTMETER
                bad("rejectsMeterRowWithoutMeterId", METERACCOUNTMETER, "Meter_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsMeterRowWithoutMeterAccount", METERACCOUNTMETER, "Meteraccount_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsUnparseableInstallDate", METERACCOUNTMETER, "Meter_install_date", "yesterday", Rule.ROW_DATETIME),
                bad("rejectsRemovalBeforeInstall", METERACCOUNTMETER, "Meter_removal_date", "202312310000", Rule.ROW_RANGE_ORDER),
                // CUSTOMERATTRIBUTE
                bad("rejectsAttributeWithoutIdType", CUSTOMERATTRIBUTE, "ID_type", "", Rule.ROW_REQUIRED),
                bad("rejectsAttributeWithoutKey", CUSTOMERATTRIBUTE, "Key", "", Rule.ROW_REQUIRED),
                bad("rejectsAttributeWithoutValue", CUSTOMERATTRIBUTE, "Value", "", Rule.ROW_REQUIRED),
                bad("rejectsAttributeStartOnFebruary30", CUSTOMERATTRIBUTE, "Start_date", "2021-02-30", Rule.ROW_DATE),
                bad("rejectsAttributeStartWithTime", CUSTOMERATTRIBUTE, "Start_date", "202103141200", Rule.ROW_DATE),
                bad("rejectsAttributeEndingBeforeStart", CUSTOMERATTRIBUTE, "End_date", "20200101", Rule.ROW_RANGE_ORDER),
                bad("warnsOnUnknownIdType", CUSTOMERATTRIBUTE, "ID_type", "XX", Rule.ROW_ENUM_UNKNOWN),
                // BILLING
                bad("rejectsBillWithoutBillId", BILLING, "Bill_ID", "", Rule.ROW_REQUIRED),
                bad("rejectsBillStartOnJanuary32", BILLING, "Bill_start_date", "20240132", Rule.ROW_DATE),
                bad("rejectsBillEndingBeforeStart", BILLING, "Bill_end_date", "20231231", Rule.ROW_RANGE_ORDER),
                bad("rejectsTwoDigitBillYear", BILLING, "Bill_year", "24", Rule.ROW_YEAR),
                bad("rejectsNonNumericBillYear", BILLING, "Bill_year", "20x4", Rule.ROW_YEAR),
                bad("rejectsBillMonth13", BILLING, "Bill_month", "13", Rule.ROW_MONTH),
                bad("rejectsBillMonth0", BILLING, "Bill_month", "0", Rule.ROW_MONTH),
                bad("rejectsAmountWithTwoPoints", BILLING, "Total_bill_amount", "1.2.3", Rule.ROW_DECIMAL),
                bad("rejectsAmountInExponentNotation", BILLING, "Total_bill_amount", "1e3", Rule.ROW_DECIMAL),
                bad("rejectsAmountWithCurrencySign", BILLING, "Total_bill_amount", "$123.45", Rule.ROW_DECIMAL),
                bad("rejectsBillWithoutUsage", BILLING, "Total_bill_usage_value", "", Rule.ROW_REQUIRED),
                bad("rejectsCancellationFlag2", BILLING, "Is_cancellation", "2", Rule.ROW_FLAG),
                bad("rejectsMissingCancellationFlag", BILLING, "Is_cancellation", "", Rule.ROW_REQUIRED),
                bad("rejectsEstimateFlagY", BILLING, "Is_estimate", "Y", Rule.ROW_FLAG),
                // BILLINGDETAIL
                bad("rejectsNonNumericQuantity", BILLINGDETAIL, "Bill_line_item_quantity", "abc", Rule.ROW_DECIMAL),
                bad("rejectsDetailWithoutPrice", BILLINGDETAIL, "Bill_line_item_price", "", Rule.ROW_REQUIRED),
                bad("warnsWhenQuantityTimesPriceDiffersFromAmount", BILLINGDETAIL, "Bill_line_item_amount", "40.00",
                        Rule.ROW_DETAIL_AMOUNT),
                bad("rejectsLineItemEndingBeforeStart", BILLINGDETAIL, "Bill_line_item_end_date", "20231201",
                        Rule.ROW_RANGE_ORDER),
                bad("rejectsDetailWithoutCode", BILLINGDETAIL, "Bill_line_item_code", "", Rule.ROW_REQUIRED),
                bad("rejectsDetailWithoutUnit", BILLINGDETAIL, "Bill_line_item_unit", "", Rule.ROW_REQUIRED),
                bad("rejectsMonthName", BILLINGDETAIL, "Bill_month", "Jan", Rule.ROW_MONTH),
                // INTERVAL
                bad("rejectsIntervalWithoutUsage", INTERVAL, "Usage_value", "", Rule.ROW_REQUIRED),
                bad("rejectsUsageWithTwoPoints", INTERVAL, "Usage_value", "1..5", Rule.ROW_DECIMAL),
                bad("rejectsNaNUsage", INTERVAL, "Usage_value", "NaN", Rule.ROW_DECIMAL),
                bad("warnsOnUsageWithSixDecimals", INTERVAL, "Usage_value", "1.123456", Rule.ROW_DECIMAL_PRECISION),
                bad("warnsOnUsageWithElevenIntegerDigits", INTERVAL, "Usage_value", "12345678901.5",
                        Rule.ROW_DECIMAL_PRECISION),
                bad("rejectsUnparseableDate", INTERVAL, "Date_of_interval", "20240101x", Rule.ROW_DATE),
                bad("rejectsTenDigitDatetime", INTERVAL, "Datetime_of_interval", "2024010100", Rule.ROW_DATETIME),
                bad("rejectsIntervalWithoutDatetime", INTERVAL, "Datetime_of_interval", "", Rule.ROW_REQUIRED),
                bad("rejectsUnknownTimeZone", INTERVAL, "Time_zone", "Mars/Olympus", Rule.ROW_TIMEZONE),
                bad("rejectsAmbiguousZoneAbbreviation", INTERVAL, "Time_zone", "PST", Rule.ROW_TIMEZONE),
                bad("rejectsZeroFrequency", INTERVAL, "Interval_frequency", "0", Rule.ROW_RANGE),
                bad("rejectsFractionalFrequency", INTERVAL, "Interval_frequency", "15.5", Rule.ROW_INTEGER),
                bad("rejectsNegativeFrequency", INTERVAL, "Interval_frequency", "-15", Rule.ROW_INTEGER),
                bad("rejectsIntervalWithoutDataVersion", INTERVAL, "Data_version", "", Rule.ROW_REQUIRED),
                bad("warnsOnUnknownDataVersion", INTERVAL, "Data_version", "Z", Rule.ROW_ENUM_UNKNOWN),
                bad("rejectsIntervalWithoutChannel", INTERVAL, "Channel", "", Rule.ROW_REQUIRED),
                raw("rejectsLocalTimeInSpringForwardGap", INTERVAL,
                        GoodRows.with(INTERVAL, "Date_of_interval", "20240310", "Datetime_of_interval", "202403100230"),
                        Rule.ROW_DST_GAP, "Datetime_of_interval", "202403100230"),
                raw("warnsOnFallBackAmbiguousLocalTime", INTERVAL,
                        GoodRows.with(INTERVAL, "Date_of_interval", "20241103", "Datetime_of_interval", "202411030130"),
                        Rule.ROW_DST_AMBIGUOUS, "Datetime_of_interval", "202411030130"),
                bad("warnsWhenIntervalDateDisagreesWithDatetime", INTERVAL, "Date_of_interval", "20240102",
                        Rule.ROW_INTERVAL_DATE_MISMATCH),
                raw("rejectsIntervalWithNeitherMeterNorMeterAccount", INTERVAL,
                        GoodRows.with(INTERVAL, "MeterAccount_ID", "", "Meter_ID", ""), Rule.ROW_REQUIRED,
                        "MeterAccount_ID|Meter_ID", null),
                // REGISTER
                bad("rejectsNonNumericRegisterUsage", REGISTER, "Usage_value", "abc", Rule.ROW_DECIMAL),
                bad("rejectsRegisterWithoutFrequency", REGISTER, "Interval_frequency", "", Rule.ROW_REQUIRED),
                // BILLDETERMINANTS
                bad("rejectsDeterminantEndingBeforeStart", BILLDETERMINANTS, "End_time_of_interval", "202312010000",
                        Rule.ROW_RANGE_ORDER),
                bad("rejectsOpenEndedDeterminant", BILLDETERMINANTS, "End_time_of_interval", "99991231", Rule.ROW_RANGE),
                bad("rejectsIsoDatetimeWithHour25", BILLDETERMINANTS, "Start_time_of_interval", "2024-01-01T25:00",
                        Rule.ROW_DATETIME),
                bad("rejectsDeterminantWithoutMeterAccount", BILLDETERMINANTS, "MeterAccount_ID", "", Rule.ROW_REQUIRED),
                bad("warnsOnUnknownDeterminantDataVersion", BILLDETERMINANTS, "Data_version", "X", Rule.ROW_ENUM_UNKNOWN),
                // BILLINGCYCLE
                bad("rejectsCycleEndingBeforeStart", BILLINGCYCLE, "Billing_Cycle_End_Date", "20231231",
                        Rule.ROW_RANGE_ORDER),
                bad("warnsWhenNumDaysDisagreesWithDates", BILLINGCYCLE, "Num_Days", "30", Rule.ROW_NUM_DAYS),
                bad("warnsWhenNumDaysIsNotANumber", BILLINGCYCLE, "Num_Days", "thirty", Rule.ROW_NUM_DAYS),
                bad("rejectsCycleWithoutReadCycle", BILLINGCYCLE, "Read_Cycle", "", Rule.ROW_REQUIRED),
                bad("rejectsDecimalBillYear", BILLINGCYCLE, "Bill_Year", "2024.0", Rule.ROW_YEAR),
                // RATEVALUES
                bad("rejectsRateWithoutValue", RATEVALUES, "Value", "", Rule.ROW_REQUIRED),
                bad("rejectsUsStyleEffectiveDate", RATEVALUES, "Effective_Date", "01/01/2024", Rule.ROW_DATE),
                bad("rejectsRateExpiringBeforeEffective", RATEVALUES, "Expiration_Date", "20231231", Rule.ROW_RANGE_ORDER),
                bad("rejectsRateValueWithTwoPoints", RATEVALUES, "Value", "0.3.2", Rule.ROW_DECIMAL),
                // EVENT
                bad("rejectsEventWithoutType", EVENT, "Event_type", "", Rule.ROW_REQUIRED),
                bad("rejectsEventStartAtHour25", EVENT, "Event_start_time", "250000", Rule.ROW_TIME),
                bad("rejectsEventEndWithSevenDigits", EVENT, "Event_end_time", "1600000", Rule.ROW_TIME),
                bad("rejectsEventWithoutDate", EVENT, "Event_date", "", Rule.ROW_REQUIRED),
                bad("rejectsNegativeEventDuration", EVENT, "Event duration", "-1", Rule.ROW_RANGE),
                raw("rejectsEventWithNeitherDurationNorStart", EVENT, GoodRows.with(EVENT, "Event_start_time", ""),
                        Rule.ROW_REQUIRED, "Event duration|Event_start_time", null),
                // NETWORK
                bad("rejectsAllocationAbove100Percent", NETWORK, "Percent_allocation", "101", Rule.ROW_RANGE),
                bad("rejectsNetworkWithoutAllocation", NETWORK, "Percent_allocation", "", Rule.ROW_REQUIRED),
                bad("warnsOnAllocationWithThreeDecimals", NETWORK, "Percent_allocation", "12.345",
                        Rule.ROW_DECIMAL_PRECISION),
                bad("rejectsNetworkWithoutEndDate", NETWORK, "Network_end_date", "", Rule.ROW_REQUIRED),
                bad("rejectsMemberEndingBeforeStart", NETWORK, "Member_end_date", "20230101", Rule.ROW_RANGE_ORDER),
                // DAILYDIGEST
                bad("rejectsNegativeLineCount", DAILYDIGEST, "Line_count", "-1", Rule.ROW_INTEGER),
                bad("rejectsDigestWithoutLineCount", DAILYDIGEST, "Line_count", "", Rule.ROW_REQUIRED),
                bad("rejectsDigestWithoutFileName", DAILYDIGEST, "File_name", "", Rule.ROW_REQUIRED),
                bad("warnsOnMalformedMd5", DAILYDIGEST, "MD5", "xyz", Rule.ROW_MD5),
                // structure
                raw("rejectsRowWithExtraNonEmptyField", INTERVAL, GoodRows.row(INTERVAL) + ",extra",
                        Rule.ROW_COLUMN_COUNT, null, "10"),
                raw("rejectsRowWithStrayTextAfterClosingQuote", INTERVAL,
                        GoodRows.row(INTERVAL).replace("MA1,M1,", "MA1,\"M1\"x,"), Rule.ROW_QUOTE, null, null),
                raw("rejectsShortRowMissingRequiredTrailingValue", INTERVAL,
                        "MA1,M1,1.25,20240101,202401010015,KWH_DEL,America/Los_Angeles,15",
                        Rule.ROW_REQUIRED, "Data_version", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactRuleLineColumnAndValue(Case c) {
        Fixture f = Fixture.read(GoodRows.fileName(c.type()),
                GoodRows.file(c.type(), GoodRows.row(c.type()), c.row(), GoodRows.row(c.type())));

        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.rows()).hasSize(3);
        assertThat(f.row(0).findings()).as("the good row before").isEmpty();
        GridxRow bad = f.row(1);
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.raw()).isEqualTo(c.row());
        List<Finding> matching = bad.findings().stream().filter(x -> x.ruleId().equals(c.rule().id())).toList();
        assertThat(matching).as("findings %s", bad.findings()).hasSize(1);
        Finding finding = matching.get(0);
        assertThat(finding.line()).isEqualTo(3);
        assertThat(finding.file()).isEqualTo(GoodRows.fileName(c.type()));
        assertThat(finding.column()).isEqualTo(c.column());
        assertThat(finding.value()).isEqualTo(c.value());
        assertThat(finding.severity()).isEqualTo(c.rule().severity());
        assertThat(finding.message()).isNotBlank();
        assertThat(bad.accepted()).isEqualTo(c.rule().severity() == Severity.WARN);
        assertThat(f.row(2).line()).isEqualTo(4);
        assertThat(f.row(2).accepted()).as("the good row after").isTrue();
    }
}
