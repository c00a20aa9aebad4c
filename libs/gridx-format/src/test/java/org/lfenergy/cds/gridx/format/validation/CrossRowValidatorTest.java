package org.lfenergy.cds.gridx.format.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLING;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGCYCLE;
import static org.lfenergy.cds.gridx.format.GridxFileType.BILLINGDETAIL;
import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMER;
import static org.lfenergy.cds.gridx.format.GridxFileType.INTERVAL;
import static org.lfenergy.cds.gridx.format.GridxFileType.METERACCOUNTMETER;
import static org.lfenergy.cds.gridx.format.GridxFileType.REGISTER;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Severity;

class CrossRowValidatorTest {

    private InMemoryValidationStore store;
    private CrossRowValidator validator;

    @BeforeEach
    void setUp() {
        store = new InMemoryValidationStore();
        validator = new CrossRowValidator(store);
    }

    private static String customer(String contract, String meterAccount) {
        return "P1,E1," + contract + ",,," + meterAccount + ",20240101,,Active";
    }

    private static String install(String meterAccount, String meter, String from, String to) {
        return meterAccount + "," + meter + "," + from + "," + to;
    }

    private static String bill(String id, String contract, String start, String end, String amount, int cancel) {
        return id + ",," + contract + ",MA-" + contract + "," + start + "," + end + ",2024,01,GS1,,100," + amount + ",0,"
                + cancel;
    }

    private static String detail(String billId, String code, String description, String qty, String price,
                                 String amount) {
        return billId + ",C1,MA-C1,20240101,20240131,2024,1," + code + "," + description + "," + qty + ",kWh," + price
                + ",,,," + amount + ",20240101,20240131";
    }

    private static String cycle(String id, String start, String end) {
        return id + "," + start + "," + end + ",1,2024,";
    }

    private static String usage(String meter, String value, String datetime, int minutes) {
        return "MA1," + meter + "," + value + "," + datetime.substring(0, 8) + "," + datetime + ",KWH_DEL,UTC," + minutes + ",A";
    }

    // ---- Contract_ID 1:1 MeterAccount_ID ----------------------------------------------------------------

    @Test
    void rejectsSecondMeterAccountForTheSameContract() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, CUSTOMER, 1, customer("C1", "MA1"), customer("C1", "MA2"));

        assertThat(c.row(0).accepted()).isTrue();
        assertThat(c.row(1).rejected()).isTrue();
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-CONTRACT-METERACCOUNT-1TO1", 3L, "MeterAccount_ID", "MA2"));
    }

    @Test
    void rejectsSecondContractForTheSameMeterAccountAcrossFiles() {
        ValidatedFiles.check(validator, CUSTOMER, 1, customer("C1", "MA1"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, CUSTOMER, 2, customer("C2", "MA1"));

        assertThat(c.row(0).findings()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value,
                Finding::file).containsExactly(tuple("GX-XROW-CONTRACT-METERACCOUNT-1TO1", 2L, "Contract_ID", "C2",
                ValidatedFiles.name(CUSTOMER, 2)));
        assertThat(c.row(0).rejected()).isTrue();
    }

    @Test
    void acceptsTheSamePairAgain() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, CUSTOMER, 1, customer("C1", "MA1"), customer("C1", "MA1"),
                customer("C2", "MA2"));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void warnsWhenBillNamesAnotherMeterAccountThanItsContract() {
        ValidatedFiles.check(validator, CUSTOMER, 1, customer("C1", "MA-OTHER"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "10.00", 0));

        assertThat(c.row(0).findings()).extracting(Finding::ruleId, Finding::severity, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-BILL-METERACCOUNT-MISMATCH", Severity.WARN, "MeterAccount_ID", "MA-C1"));
        assertThat(c.row(0).accepted()).isTrue();
    }

    // ---- meter installs ---------------------------------------------------------------------------------

    @Test
    void acceptsMeterSwapAndTotalizationMeters() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, METERACCOUNTMETER, 1,
                install("MA1", "M1", "20240101", "20240131"),
                install("MA1", "M2", "20240201", ""),
                install("MA1", "M3", "20240101", ""));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void acceptsRemovalDateArrivingLaterForTheSameInstall() {
        ValidatedFiles.check(validator, METERACCOUNTMETER, 1, install("MA1", "M1", "202401010000", ""));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, METERACCOUNTMETER, 2, install("MA1", "M1", "202401010000", "20240630"));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void rejectsMeterInstalledAtTwoMeterAccountsAtOnce() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, METERACCOUNTMETER, 1,
                install("MA1", "M1", "20240101", ""),
                install("MA2", "M1", "20240301", ""));

        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::line, Finding::column)
                .containsExactly(tuple("GX-XROW-METER-INSTALL-OVERLAP", 3L, "Meter_install_date"));
        assertThat(c.row(1).rejected()).isTrue();
    }

    @Test
    void rejectsOverlappingPeriodsOfOneMeterAtOneAccount() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, METERACCOUNTMETER, 1,
                install("MA1", "M1", "20240101", "20240331"),
                install("MA1", "M1", "20240315", ""));
        assertThat(c.row(1).findings()).extracting(Finding::ruleId).containsExactly("GX-XROW-METER-INSTALL-OVERLAP");
    }

    @Test
    void acceptsReinstallRightAfterRemoval() {
        // Removal on Jan 31 means until Feb 1 00:00 exclusive, so a Feb 1 install does not overlap.
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, METERACCOUNTMETER, 1,
                install("MA1", "M1", "20240101", "20240131"),
                install("MA2", "M1", "20240201", ""));
        assertThat(c.all()).isEmpty();
    }

    // ---- bills ------------------------------------------------------------------------------------------

    @Test
    void acceptsContinuousBills() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B2", "C1", "20240201", "20240229", "11.00", 0),
                bill("B3", "C2", "20240115", "20240214", "12.00", 0));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void warnsOnGapBetweenBillsOfAContract() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B2", "C1", "20240203", "20240229", "11.00", 0));

        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::severity, Finding::line, Finding::column,
                Finding::value).containsExactly(tuple("GX-XROW-BILL-GAP", Severity.WARN, 3L, "Bill_start_date", "2024-02-03"));
        assertThat(c.row(1).accepted()).isTrue();
    }

    @Test
    void warnsWhenAnEarlierBillArrivesLeavingAGapBeforeTheNext() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B2", "C1", "20240201", "20240229", "11.00", 0),
                bill("B1", "C1", "20240101", "20240130", "10.00", 0));
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::column)
                .containsExactly(tuple("GX-XROW-BILL-GAP", "Bill_end_date"));
    }

    @Test
    void warnsOnOverlappingBills() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B2", "C1", "20240131", "20240229", "11.00", 0));
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(tuple("GX-XROW-BILL-OVERLAP", 3L));
    }

    @Test
    void rejectsCancellationOfUnknownBill() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1, bill("B9", "C1", "20240101", "20240131", "10.00", 1));

        assertThat(c.row(0).findings()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-CANCEL-UNKNOWN-BILL", 2L, "Bill_ID", "B9"));
        assertThat(c.row(0).rejected()).isTrue();
    }

    @Test
    void acceptsCancelAndRebillUnderNewId() {
        ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "10.00", 0));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 2,
                bill("B1", "C1", "20240101", "20240131", "10.00", 1),
                bill("B1R", "C1", "20240101", "20240131", "9.50", 0));

        assertThat(c.all()).isEmpty();
        assertThat(store.bill("B1").cancelled()).isTrue();
        assertThat(store.bill("B1R").cancelled()).isFalse();
    }

    @Test
    void rejectsRebillThatReusesTheCancelledBillId() {
        ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B1", "C1", "20240101", "20240131", "10.00", 1));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 2, bill("B1", "C1", "20240101", "20240131", "9.50", 0));

        assertThat(c.row(0).findings()).extracting(Finding::ruleId, Finding::line, Finding::value)
                .containsExactly(tuple("GX-XROW-REBILL-SAME-ID", 2L, "B1"));
    }

    @Test
    void rejectsBillIdReusedWithDifferentContent() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B1", "C1", "20240101", "20240131", "99.00", 0));
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(tuple("GX-XROW-BILL-ID-REUSED", 3L));
    }

    @Test
    void rejectsCancellationNamingAnotherContract() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "10.00", 0),
                bill("B1", "C2", "20240101", "20240131", "10.00", 1));
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::column)
                .containsExactly(tuple("GX-XROW-BILL-ID-REUSED", "Contract_ID"));
    }

    // ---- bill details -----------------------------------------------------------------------------------

    @Test
    void acceptsDetailsAddingUpToTheBillTotal() {
        ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "42.00", 0));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                detail("B1", "E1", "Energy", "100", "0.32", "32.00"),
                detail("B1", "F1", "Customer charge", "1", "10", "10.00"));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void warnsWhenDetailsDoNotAddUpToTheBillTotal() {
        ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "50.00", 0));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                detail("B1", "E1", "Energy", "100", "0.32", "32.00"),
                detail("B1", "F1", "Customer charge", "1", "10", "10.00"));

        assertThat(c.atEnd()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-DETAIL-SUM", 3L, "Bill_line_item_amount", "42.00"));
    }

    @Test
    void checksTotalsWhenTheBillArrivesAfterItsDetails() {
        ValidatedFiles.Checked details = ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                detail("B1", "E1", "Energy", "100", "0.32", "32.00"));
        assertThat(details.atEnd()).extracting(Finding::ruleId).containsExactly("GX-XROW-DETAIL-UNKNOWN-BILL");

        ValidatedFiles.Checked bills = ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "40.00", 0));
        assertThat(bills.atEnd()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-DETAIL-SUM", 2L, "Total_bill_amount", "40.00"));
    }

    @Test
    void resentDetailLinesDoNotCountTwice() {
        ValidatedFiles.check(validator, BILLING, 1, bill("B1", "C1", "20240101", "20240131", "32.00", 0));
        ValidatedFiles.check(validator, BILLINGDETAIL, 1, detail("B1", "E1", "Energy", "100", "0.32", "32.00"));
        ValidatedFiles.Checked again = ValidatedFiles.check(validator, BILLINGDETAIL, 2, detail("B1", "E1", "Energy", "100", "0.32", "32.00"));
        assertThat(again.all()).isEmpty();
    }

    @Test
    void warnsWhenAChargeCodeChangesMeaningWithinATariff() {
        ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "42.00", 0),
                bill("B2", "C1", "20240201", "20240229", "32.00", 0));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                detail("B1", "123", "On-peak energy", "100", "0.32", "32.00"),
                detail("B1", "F1", "Customer charge", "1", "10", "10.00"),
                detail("B2", "123", "Off-peak  ENERGY", "100", "0.32", "32.00"));

        assertThat(c.row(2).findings()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::severity)
                .containsExactly(tuple("GX-XROW-CHARGE-CODE-MEANING", 4L, "Bill_line_item_description", Severity.WARN));
    }

    @Test
    void sameChargeMeaningWithDifferentCaseAndSpacingIsFine() {
        ValidatedFiles.check(validator, BILLING, 1,
                bill("B1", "C1", "20240101", "20240131", "32.00", 0),
                bill("B2", "C1", "20240201", "20240229", "32.00", 0));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                detail("B1", "123", "On-peak energy", "100", "0.32", "32.00"),
                detail("B2", "123", " ON-PEAK   Energy", "100", "0.32", "32.00"));
        assertThat(c.all()).isEmpty();
    }

    // ---- billing cycles ---------------------------------------------------------------------------------

    @Test
    void billingCyclesMustBeContinuousPerReadCycle() {
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, BILLINGCYCLE, 1,
                cycle("R1", "20240101", "20240131"),
                cycle("R1", "20240201", "20240229"),
                cycle("R2", "20240105", "20240204"),
                cycle("R1", "20240302", "20240331"),
                cycle("R1", "20240325", "20240415"));

        assertThat(c.all()).extracting(Finding::ruleId, Finding::line, Finding::column).containsExactly(
                tuple("GX-XROW-CYCLE-GAP", 5L, "Billing_Cycle_Start_Date"),
                tuple("GX-XROW-CYCLE-OVERLAP", 6L, "Billing_Cycle_Start_Date"));
    }

    // ---- register vs interval -----------------------------------------------------------------------------

    private static String[] hourOfIntervals(String meter, String value) {
        return new String[] {usage(meter, value, "202401010000", 15), usage(meter, value, "202401010015", 15),
                usage(meter, value, "202401010030", 15), usage(meter, value, "202401010045", 15)};
    }

    private static String reading(String meter, String value, String datetime) {
        return usage(meter, value, datetime, 60);
    }

    @Test
    void acceptsRegisterReadingsDifferingByTheIntervalsBetweenThem() {
        ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, REGISTER, 1,
                reading("M1", "1000.5", "202401010000"), reading("M1", "1001.500", "202401010100"));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void warnsWhenRegisterDifferenceDiffersFromIntervalSum() {
        ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, REGISTER, 1,
                reading("M1", "1000", "202401010000"), reading("M1", "1001.5", "202401010100"));

        assertThat(c.row(0).findings()).isEmpty();
        assertThat(c.row(1).findings()).extracting(Finding::ruleId, Finding::line, Finding::column, Finding::value)
                .containsExactly(tuple("GX-XROW-REGISTER-INTERVAL-SUM", 3L, "Usage_value", "1001.5"));
    }

    @Test
    void comparesReadingsOnceLaterIntervalsCoverTheirWindow() {
        ValidatedFiles.Checked registers = ValidatedFiles.check(validator, REGISTER, 1,
                reading("M1", "10", "202401010000"), reading("M1", "12", "202401010100"));
        assertThat(registers.all()).isEmpty();

        ValidatedFiles.Checked intervals = ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25"));
        assertThat(intervals.atEnd()).extracting(Finding::ruleId, Finding::file, Finding::line)
                .containsExactly(tuple("GX-XROW-REGISTER-INTERVAL-SUM", ValidatedFiles.name(REGISTER, 1), 3L));

        // Compared once: a later interval file does not repeat the warning.
        assertThat(ValidatedFiles.check(validator, INTERVAL, 2, hourOfIntervals("M1", "0.25")).all()).isEmpty();
    }

    @Test
    void comparesBothPairsWhenAReadingArrivesBetweenTwoOthers() {
        ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25"));
        ValidatedFiles.check(validator, REGISTER, 1, reading("M1", "10", "202401010000"), reading("M1", "11", "202401010100"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, REGISTER, 2, usage("M1", "10.9", "202401010030", 60));

        // 10 -> 10.9 over two intervals of 0.25 (0.5), and 10.9 -> 11 over the other two (0.5): both differ.
        assertThat(c.row(0).findings()).extracting(Finding::ruleId, Finding::file).containsExactly(
                tuple("GX-XROW-REGISTER-INTERVAL-SUM", ValidatedFiles.name(REGISTER, 2)),
                tuple("GX-XROW-REGISTER-INTERVAL-SUM", ValidatedFiles.name(REGISTER, 1)));
    }

    @Test
    void skipsReadingsWhoseWindowIsNotFullyCovered() {
        ValidatedFiles.check(validator, INTERVAL, 1, usage("M1", "0.25", "202401010000", 15));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, REGISTER, 1,
                reading("M1", "0", "202401010000"), reading("M1", "9", "202401010100"));
        assertThat(c.all()).isEmpty();
    }

    @Test
    void keepsMetersAndChannelsApart() {
        ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25"));
        ValidatedFiles.Checked c = ValidatedFiles.check(validator, REGISTER, 1,
                reading("M2", "0", "202401010000"), reading("M2", "9", "202401010100"));
        assertThat(c.all()).isEmpty();
    }

    // ---- idempotency ------------------------------------------------------------------------------------

    @Test
    void replayingFilesAddsNoFindings() {
        List<Finding> firstRun = new ArrayList<>();
        List<Finding> secondRun = new ArrayList<>();
        for (List<Finding> sink : List.of(firstRun, secondRun)) {
            sink.addAll(ValidatedFiles.check(validator, CUSTOMER, 1, customer("C1", "MA-C1")).all());
            sink.addAll(ValidatedFiles.check(validator, METERACCOUNTMETER, 1, install("MA-C1", "M1", "20240101", "")).all());
            sink.addAll(ValidatedFiles.check(validator, BILLING, 1,
                    bill("B1", "C1", "20240101", "20240131", "32.00", 0),
                    bill("B2", "C1", "20240201", "20240229", "32.00", 0),
                    bill("B2", "C1", "20240201", "20240229", "32.00", 1),
                    bill("B3", "C1", "20240201", "20240229", "31.00", 0)).all());
            sink.addAll(ValidatedFiles.check(validator, BILLINGDETAIL, 1,
                    detail("B1", "E1", "Energy", "100", "0.32", "32.00")).all());
            sink.addAll(ValidatedFiles.check(validator, BILLINGCYCLE, 1,
                    cycle("R1", "20240101", "20240131"), cycle("R1", "20240201", "20240229")).all());
            sink.addAll(ValidatedFiles.check(validator, INTERVAL, 1, hourOfIntervals("M1", "0.25")).all());
            sink.addAll(ValidatedFiles.check(validator, REGISTER, 1,
                    reading("M1", "5", "202401010000"), reading("M1", "6", "202401010100")).all());
        }
        assertThat(firstRun).isEmpty();
        assertThat(secondRun).isEmpty();
    }
}
