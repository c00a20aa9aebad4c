package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillDeterminantsRecord;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.DailyDigestRecord;
import org.lfenergy.cds.gridx.format.record.DataVersion;
import org.lfenergy.cds.gridx.format.record.EventRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.IdType;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.format.record.NetworkRecord;
import org.lfenergy.cds.gridx.format.record.RateValuesRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/** Each file type's good row becomes the right typed record with every column. */
class RecordTypesTest {

    private static final ZoneId LA = Fixture.LA;

    private static GridxRecord readOne(GridxFileType type, String row) {
        Fixture f = Fixture.read(GoodRows.fileName(type), GoodRows.file(type, row));
        assertThat(f.fileFindings()).isEmpty();
        assertThat(f.rows()).hasSize(1);
        assertThat(f.row(0).findings()).as("findings").isEmpty();
        return f.row(0).record();
    }

    @ParameterizedTest
    @EnumSource(GridxFileType.class)
    void acceptsTheGoodRowOfEveryFileType(GridxFileType type) {
        GridxRecord record = readOne(type, GoodRows.row(type));
        assertThat(record.type()).isEqualTo(type);
    }

    @Test
    void readsDailyDigestRow() {
        DailyDigestRecord r = (DailyDigestRecord) readOne(GridxFileType.DAILYDIGEST, GoodRows.row(GridxFileType.DAILYDIGEST));
        assertThat(r.fileName()).isEqualTo("GRIDX_ACME_CUSTOMER_20240102030405.csv");
        assertThat(r.lineCount()).isEqualTo(3);
        assertThat(r.md5()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void readsCustomerRowWithDatesInClientZone() {
        CustomerRecord r = (CustomerRecord) readOne(GridxFileType.CUSTOMER, GoodRows.row(GridxFileType.CUSTOMER));
        assertThat(r.personId()).isEqualTo("P1");
        assertThat(r.entityId()).isEqualTo("E1");
        assertThat(r.contractId()).isEqualTo("C1");
        assertThat(r.premiseId()).isEqualTo("PR1");
        assertThat(r.servicePointId()).isEqualTo("SP1");
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.contractStartDate()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, LA));
        assertThat(r.contractEndDate()).isEqualTo(ZonedDateTime.of(2024, 12, 31, 23, 59, 0, 0, LA));
        assertThat(r.serviceStatus()).isEqualTo("Active");
    }

    @Test
    void plainDateContractEndMeansNextMidnightExclusive() {
        CustomerRecord r = (CustomerRecord) readOne(GridxFileType.CUSTOMER,
                GoodRows.with(GridxFileType.CUSTOMER, "Contract_start_date", "20240101", "Contract_end_date", "20240131"));
        assertThat(r.contractStartDate()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, LA));
        assertThat(r.contractEndDate()).isEqualTo(ZonedDateTime.of(2024, 2, 1, 0, 0, 0, 0, LA));
    }

    @Test
    void openContractEndsBecomeNull() {
        for (String open : new String[] {"", "NULL", "null", "99991231", "9999-12-31", "999912312359"}) {
            CustomerRecord r = (CustomerRecord) readOne(GridxFileType.CUSTOMER,
                    GoodRows.with(GridxFileType.CUSTOMER, "Contract_end_date", open));
            assertThat(r.contractEndDate()).as(open).isNull();
        }
    }

    @Test
    void optionalCustomerColumnsMayBeEmpty() {
        CustomerRecord r = (CustomerRecord) readOne(GridxFileType.CUSTOMER, GoodRows.with(GridxFileType.CUSTOMER,
                "Premise_ID", "", "ServicePoint_ID", "", "Service_status", ""));
        assertThat(r.premiseId()).isNull();
        assertThat(r.servicePointId()).isNull();
        assertThat(r.serviceStatus()).isNull();
    }

    @Test
    void readsMeterAccountMeterRowStillInstalled() {
        MeterAccountMeterRecord r = (MeterAccountMeterRecord) readOne(GridxFileType.METERACCOUNTMETER,
                GoodRows.row(GridxFileType.METERACCOUNTMETER));
        assertThat(r.meteraccountId()).isEqualTo("MA1");
        assertThat(r.meterId()).isEqualTo("M1");
        assertThat(r.meterInstallDate().toLocalDateTime()).hasToString("2024-01-01T00:00");
        assertThat(r.meterRemovalDate()).isNull();
    }

    @Test
    void readsAttributeRow() {
        CustomerAttributeRecord r = (CustomerAttributeRecord) readOne(GridxFileType.CUSTOMERATTRIBUTE,
                GoodRows.row(GridxFileType.CUSTOMERATTRIBUTE));
        assertThat(r.idType()).isEqualTo("CT");
        assertThat(r.knownIdType()).contains(IdType.CT);
        assertThat(r.id()).isEqualTo("123456789");
        assertThat(r.key()).isEqualTo("rate_code");
        assertThat(r.value()).isEqualTo("GS1");
        assertThat(r.startDate()).isEqualTo(LocalDate.of(2021, 3, 14));
        assertThat(r.endDate()).isEqualTo(LocalDate.of(2025, 2, 17));
    }

    @Test
    void readsTheSpecificationsExampleAttributeFileVerbatim() {
        // The example table of the specification, pipe-separated as written there (blanks and trailing pipes).
        String example = String.join("\n",
                "ID_type | ID | Key | Value | Start_date | End_date |",
                "CT | 123456789 | rate_code | GS1 | 2021-03-14 | 2025-02-17 |",
                "CT | 123456789 | rate_code | GS2 | 2025-02-17 | |",
                "SP | 987654321 | voltage | secondary | 2003-10-08 | |",
                "PM | 222333444 | service_address | 123 Main St | 2003-10-08 |");
        Fixture f = Fixture.read("GRIDX_ACME_CUSTOMERATTRIBUTE_20240102030405.psv", example);

        assertThat(f.fileFindings()).extracting(Finding::ruleId).containsExactly("GX-FILE-HEADER-BLANK");
        assertThat(f.rows()).hasSize(4).allSatisfy(r -> assertThat(r.findings()).isEmpty());
        CustomerAttributeRecord first = (CustomerAttributeRecord) f.row(0).record();
        assertThat(first.startDate()).isEqualTo(LocalDate.of(2021, 3, 14));
        assertThat(first.endDate()).isEqualTo(LocalDate.of(2025, 2, 17));
        CustomerAttributeRecord second = (CustomerAttributeRecord) f.row(1).record();
        assertThat(second.value()).isEqualTo("GS2");
        assertThat(second.endDate()).isNull();
        CustomerAttributeRecord last = (CustomerAttributeRecord) f.row(3).record();
        assertThat(last.knownIdType()).contains(IdType.PM);
        assertThat(last.value()).isEqualTo("123 Main St");
        assertThat(last.endDate()).isNull();
    }

    @Test
    void readsBillingRow() {
        BillingRecord r = (BillingRecord) readOne(GridxFileType.BILLING, GoodRows.row(GridxFileType.BILLING));
        assertThat(r.billId()).isEqualTo("B1");
        assertThat(r.servicePointId()).isEqualTo("SP1");
        assertThat(r.contractId()).isEqualTo("C1");
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.billStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.billEndDate()).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.billYear()).isEqualTo(2024);
        assertThat(r.billMonth()).isEqualTo(1);
        assertThat(r.billRateCode()).isEqualTo("GS1");
        assertThat(r.billCycleCode()).isEqualTo("CY1");
        assertThat(r.totalBillUsageValue()).isEqualTo(new BigDecimal("500.5"));
        assertThat(r.totalBillAmount()).isEqualTo(new BigDecimal("123.45"));
        assertThat(r.isEstimate()).isFalse();
        assertThat(r.isCancellation()).isFalse();
    }

    @Test
    void missingEstimateFlagIsNull() {
        BillingRecord r = (BillingRecord) readOne(GridxFileType.BILLING,
                GoodRows.with(GridxFileType.BILLING, "Is_estimate", "", "Is_cancellation", "1"));
        assertThat(r.isEstimate()).isNull();
        assertThat(r.isCancellation()).isTrue();
    }

    @Test
    void readsBillingDetailRowKeepingDecimalScale() {
        BillingDetailRecord r = (BillingDetailRecord) readOne(GridxFileType.BILLINGDETAIL,
                GoodRows.with(GridxFileType.BILLINGDETAIL, "Bill_line_item_field_1", "prorate=1.0",
                        "Bill_line_item_field_3", "section A"));
        assertThat(r.billId()).isEqualTo("B1");
        assertThat(r.contractId()).isEqualTo("C1");
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.billStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.billEndDate()).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.billYear()).isEqualTo(2024);
        assertThat(r.billMonth()).isEqualTo(1);
        assertThat(r.billLineItemCode()).isEqualTo("E1");
        assertThat(r.billLineItemDescription()).isEqualTo("Energy");
        assertThat(r.billLineItemQuantity()).isEqualTo(new BigDecimal("100"));
        assertThat(r.billLineItemUnit()).isEqualTo("kWh");
        assertThat(r.billLineItemPrice()).isEqualTo(new BigDecimal("0.32"));
        assertThat(r.billLineItemField1()).isEqualTo("prorate=1.0");
        assertThat(r.billLineItemField2()).isNull();
        assertThat(r.billLineItemField3()).isEqualTo("section A");
        assertThat(r.billLineItemAmount()).isEqualTo(new BigDecimal("32.00"));
        assertThat(r.billLineItemAmount().scale()).isEqualTo(2);
        assertThat(r.billLineItemStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.billLineItemEndDate()).isEqualTo(LocalDate.of(2024, 1, 31));
    }

    @Test
    void acceptsLineAmountWithinRoundingTolerance() {
        // 1234.5 kWh x 0.12346 = 152.4113..., billed 152.41 with a price shown rounded from 0.123456.
        readOne(GridxFileType.BILLINGDETAIL, GoodRows.with(GridxFileType.BILLINGDETAIL,
                "Bill_line_item_quantity", "1234.5", "Bill_line_item_price", "0.12346", "Bill_line_item_amount", "152.41"));
    }

    @Test
    void readsIntervalRow() {
        IntervalRecord r = (IntervalRecord) readOne(GridxFileType.INTERVAL, GoodRows.row(GridxFileType.INTERVAL));
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.meterId()).isEqualTo("M1");
        assertThat(r.usageValue()).isEqualTo(new BigDecimal("1.25"));
        assertThat(r.dateOfInterval()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.datetimeOfInterval()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 0, 15, 0, 0, LA));
        assertThat(r.channel()).isEqualTo("KWH_DEL");
        assertThat(r.timeZone()).isEqualTo(LA);
        assertThat(r.intervalFrequency()).isEqualTo(15);
        assertThat(r.dataVersion()).isEqualTo("A");
        assertThat(r.knownDataVersion()).contains(DataVersion.ACTUAL);
    }

    @Test
    void intervalWithOnlyMeterAccountIsAccepted() {
        IntervalRecord r = (IntervalRecord) readOne(GridxFileType.INTERVAL,
                GoodRows.with(GridxFileType.INTERVAL, "Meter_ID", ""));
        assertThat(r.meterId()).isNull();
        assertThat(r.meterAccountId()).isEqualTo("MA1");
    }

    @Test
    void intervalEndingAtMidnightMayBelongToThePreviousDate() {
        IntervalRecord r = (IntervalRecord) readOne(GridxFileType.INTERVAL, GoodRows.with(GridxFileType.INTERVAL,
                "Date_of_interval", "20240101", "Datetime_of_interval", "202401012400"));
        assertThat(r.datetimeOfInterval().toLocalDateTime()).hasToString("2024-01-02T00:00");
    }

    @Test
    void intervalInUtcIgnoresClientZone() {
        IntervalRecord r = (IntervalRecord) readOne(GridxFileType.INTERVAL, GoodRows.with(GridxFileType.INTERVAL,
                "Time_zone", "UTC", "Date_of_interval", "20240310", "Datetime_of_interval", "202403100230"));
        assertThat(r.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(r.datetimeOfInterval().toInstant()).hasToString("2024-03-10T02:30:00Z");
    }

    @Test
    void emptyTimeZoneFallsBackToClientZone() {
        IntervalRecord r = (IntervalRecord) readOne(GridxFileType.INTERVAL,
                GoodRows.with(GridxFileType.INTERVAL, "Time_zone", ""));
        assertThat(r.timeZone()).isEqualTo(LA);
        assertThat(r.datetimeOfInterval().getOffset()).isEqualTo(ZoneOffset.ofHours(-8));
    }

    @Test
    void readsRegisterRow() {
        RegisterRecord r = (RegisterRecord) readOne(GridxFileType.REGISTER, GoodRows.row(GridxFileType.REGISTER));
        assertThat(r.usageValue()).isEqualTo(new BigDecimal("30.5"));
        assertThat(r.intervalFrequency()).isEqualTo(1440);
        assertThat(r.datetimeOfInterval()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, LA));
        assertThat(r.meterId()).isEqualTo("M1");
        assertThat(r.channel()).isEqualTo("KWH_DEL");
    }

    @Test
    void readsBillDeterminantsRow() {
        BillDeterminantsRecord r = (BillDeterminantsRecord) readOne(GridxFileType.BILLDETERMINANTS,
                GoodRows.row(GridxFileType.BILLDETERMINANTS));
        assertThat(r.meterAccountId()).isEqualTo("MA1");
        assertThat(r.usageValue()).isEqualTo(new BigDecimal("500.25"));
        assertThat(r.startTimeOfInterval()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, LA));
        assertThat(r.endTimeOfInterval()).isEqualTo(ZonedDateTime.of(2024, 1, 31, 0, 0, 0, 0, LA));
        assertThat(r.channel()).isEqualTo("KWH_DEL");
        assertThat(r.dataVersion()).isEqualTo("A");
        assertThat(r.timeZone()).isEqualTo(LA);
    }

    @Test
    void readsBillingCycleRow() {
        BillingCycleRecord r = (BillingCycleRecord) readOne(GridxFileType.BILLINGCYCLE,
                GoodRows.row(GridxFileType.BILLINGCYCLE));
        assertThat(r.readCycle()).isEqualTo("CY1");
        assertThat(r.billingCycleStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.billingCycleEndDate()).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.billMonth()).isEqualTo(1);
        assertThat(r.billYear()).isEqualTo(2024);
        assertThat(r.numDays()).isEqualTo(31);
    }

    @Test
    void readsRateValuesRowWithoutExpiration() {
        RateValuesRecord r = (RateValuesRecord) readOne(GridxFileType.RATEVALUES, GoodRows.row(GridxFileType.RATEVALUES));
        assertThat(r.ratePlan()).isEqualTo("GS1");
        assertThat(r.description()).isEqualTo("Energy charge");
        assertThat(r.value()).isEqualTo(new BigDecimal("0.32"));
        assertThat(r.effectiveDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.expirationDate()).isNull();
    }

    @Test
    void readsEventRow() {
        EventRecord r = (EventRecord) readOne(GridxFileType.EVENT, GoodRows.row(GridxFileType.EVENT));
        assertThat(r.ratePlanIdentifier()).isEqualTo("*");
        assertThat(r.eventType()).isEqualTo("CPP");
        assertThat(r.eventSubType()).isNull();
        assertThat(r.eventDate()).isEqualTo(LocalDate.of(2024, 8, 15));
        assertThat(r.eventDuration()).isNull();
        assertThat(r.eventStartTime()).isEqualTo(LocalTime.of(16, 0));
        assertThat(r.eventEndTime()).isEqualTo(LocalTime.of(21, 0));
    }

    @Test
    void readsNetworkRowWithOpenEnd() {
        NetworkRecord r = (NetworkRecord) readOne(GridxFileType.NETWORK, GoodRows.row(GridxFileType.NETWORK));
        assertThat(r.networkType()).isEqualTo("NEMA");
        assertThat(r.networkId()).isEqualTo("N1");
        assertThat(r.networkStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.networkEndDate()).isNull();
        assertThat(r.memberId()).isEqualTo("C1");
        assertThat(r.networkMemberType()).isEqualTo("contract_id");
        assertThat(r.memberType()).isEqualTo("subscriber");
        assertThat(r.percentAllocation()).isEqualTo(new BigDecimal("25.50"));
        assertThat(r.memberStartDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.memberEndDate()).isNull();
        assertThat(r.memberMeterAccountId()).isEqualTo("MA1");
    }

    @Test
    void decimalsKeepExactValueAndScale() {
        String[][] cases = {{"0.10000", "5"}, {"1.50", "2"}, {"-0.001", "3"}, {"+7", "0"}, {".5", "1"},
                {"123456789012345678901234.123456789", "9"}};
        for (String[] c : cases) {
            IntervalRecord r = (IntervalRecord) Fixture.read(GoodRows.fileName(GridxFileType.INTERVAL),
                    GoodRows.file(GridxFileType.INTERVAL, GoodRows.with(GridxFileType.INTERVAL, "Usage_value", c[0])))
                    .row(0).record();
            assertThat(r.usageValue()).as(c[0]).isEqualByComparingTo(new BigDecimal(c[0].replace("+", "")));
            assertThat(r.usageValue().scale()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        }
    }
}
