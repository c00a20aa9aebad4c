package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.plan.Scenario;

/** The Bill Summary / Bill Details checklists of the specification, checked exactly (no tolerance). */
class BillingConsistencyTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private static GeneratedFiles files;
    private static List<Row> bills;
    private static List<Row> details;

    @BeforeAll
    static void generate() throws IOException {
        files = GeneratedFiles.shared();
        bills = files.rows(GridxFileType.BILLING);
        details = files.rows(GridxFileType.BILLINGDETAIL);
    }

    @Test
    void everyLineAmountIsExactlyQuantityTimesPrice() {
        assertThat(details).hasSizeGreaterThan(100).allSatisfy(r -> {
            BigDecimal amount = r.decimal("Bill_line_item_amount");
            assertThat(amount.scale()).isEqualTo(2);
            assertThat(r.decimal("Bill_line_item_quantity").multiply(r.decimal("Bill_line_item_price")))
                    .as(r.get("Bill_ID") + " " + r.get("Bill_line_item_code")).isEqualByComparingTo(amount);
            assertThat(r.decimal("Bill_line_item_quantity").signum()).isPositive();
        });
    }

    @Test
    void lineAmountsSumExactlyToTheBillTotal() {
        Map<String, BigDecimal> sums = details.stream().collect(Collectors.groupingBy(r -> r.get("Bill_ID"),
                Collectors.reducing(BigDecimal.ZERO, r -> r.decimal("Bill_line_item_amount"), BigDecimal::add)));

        assertThat(bills).allSatisfy(bill -> assertThat(sums.get(bill.get("Bill_ID"))).as(bill.get("Bill_ID"))
                .isEqualByComparingTo(bill.decimal("Total_bill_amount")));
        assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(
                bills.stream().map(r -> r.get("Bill_ID")).collect(Collectors.toSet()));
    }

    @Test
    void billsOfAContractAreContinuousAndBillIdsUniqueExceptForCancellations() {
        Set<String> cancelled = bills.stream().filter(r -> r.get("Is_cancellation").equals("1"))
                .map(r -> r.get("Bill_ID")).collect(Collectors.toSet());
        Map<String, List<Row>> byContract = bills.stream().filter(r -> !cancelled.contains(r.get("Bill_ID")))
                .collect(Collectors.groupingBy(r -> r.get("Contract_ID")));

        assertThat(byContract).hasSizeGreaterThan(8);
        byContract.forEach((contract, rows) -> {
            for (int i = 1; i < rows.size(); i++) {
                LocalDate previousEnd = LocalDate.parse(rows.get(i - 1).get("Bill_end_date"), DAY);
                assertThat(LocalDate.parse(rows.get(i).get("Bill_start_date"), DAY)).as(contract)
                        .isEqualTo(previousEnd.plusDays(1));
            }
        });
        Set<String> seen = new HashSet<>();
        for (Row bill : bills) {
            if (bill.get("Is_cancellation").equals("0")) {
                assertThat(seen.add(bill.get("Bill_ID"))).as(bill.get("Bill_ID")).isTrue();
            }
        }
    }

    @Test
    void everyLinePriceIsTheRateValueInForceOnTheLinesFirstDay() {
        List<Row> rateValues = files.rows(GridxFileType.RATEVALUES);
        Map<String, String> rateOfBill = bills.stream().collect(Collectors.toMap(r -> r.get("Bill_ID"),
                r -> r.get("Bill_rate_code"), (a, b) -> a));

        assertThat(details).allSatisfy(line -> {
            String day = line.get("Bill_line_item_start_date");
            List<Row> matching = rateValues.stream()
                    .filter(v -> v.get("Rate_Plan").equals(rateOfBill.get(line.get("Bill_ID"))))
                    .filter(v -> v.get("Description").startsWith(line.get("Bill_line_item_code") + " "))
                    .filter(v -> v.get("Effective_Date").compareTo(day) <= 0)
                    .filter(v -> v.get("Expiration_Date").isEmpty() || day.compareTo(v.get("Expiration_Date")) < 0)
                    .toList();
            assertThat(matching).as(line.get("Bill_ID") + " " + line.get("Bill_line_item_code")).singleElement()
                    .satisfies(v -> assertThat(v.decimal("Value"))
                            .isEqualByComparingTo(line.decimal("Bill_line_item_price")));
        });
    }

    @Test
    void eachChargeCodeHasOneMeaning() {
        Map<String, Set<String>> meanings = new HashMap<>();
        details.forEach(r -> meanings.computeIfAbsent(r.get("Bill_line_item_code"), k -> new HashSet<>())
                .add(r.get("Bill_line_item_description") + "/" + r.get("Bill_line_item_unit")));

        assertThat(meanings).allSatisfy((code, descriptions) -> assertThat(descriptions).as(code).hasSize(1));
    }

    @Test
    void linesSplitWherePricesOrSeasonsChange() {
        // Maria's bill of 2024-02-13..03-12 spans the March 1 price change; her 2024-05-14..06-12 bill spans summer.
        List<Row> february = details.stream().filter(r -> r.get("Contract_ID").equals(Scenario.SWAP_CONTRACT)
                && r.get("Bill_start_date").equals("20240213")).toList();
        List<Row> may = details.stream().filter(r -> r.get("Contract_ID").equals(Scenario.SWAP_CONTRACT)
                && r.get("Bill_start_date").equals("20240514")).toList();

        assertThat(february).filteredOn(r -> r.get("Bill_line_item_code").equals("CUST_DAY"))
                .extracting(r -> r.get("Bill_line_item_start_date") + "-" + r.get("Bill_line_item_end_date") + " "
                        + r.get("Bill_line_item_quantity") + " x " + r.get("Bill_line_item_price"))
                .containsExactly("20240213-20240229 17 x 0.33", "20240301-20240312 12 x 0.34");
        assertThat(may).extracting(r -> r.get("Bill_line_item_code")).contains("EN_WIN_PK", "EN_WIN_OP",
                "EN_SUM_PK", "EN_SUM_OP");
        assertThat(may).filteredOn(r -> r.get("Bill_line_item_code").startsWith("EN_SUM"))
                .allSatisfy(r -> assertThat(r.get("Bill_line_item_start_date")).isEqualTo("20240601"));
    }

    @Test
    void billingCyclesAreContinuousPerReadCycle() {
        Map<String, List<Row>> cycles = files.rows(GridxFileType.BILLINGCYCLE).stream()
                .collect(Collectors.groupingBy(r -> r.get("Read_Cycle")));

        assertThat(cycles).hasSize(20);
        cycles.forEach((cycle, rows) -> {
            for (int i = 0; i < rows.size(); i++) {
                LocalDate start = LocalDate.parse(rows.get(i).get("Billing_Cycle_Start_Date"), DAY);
                LocalDate end = LocalDate.parse(rows.get(i).get("Billing_Cycle_End_Date"), DAY);
                assertThat(Long.parseLong(rows.get(i).get("Num_Days")))
                        .isEqualTo(end.toEpochDay() - start.toEpochDay() + 1);
                if (i > 0) {
                    assertThat(start).as(cycle).isEqualTo(
                            LocalDate.parse(rows.get(i - 1).get("Billing_Cycle_End_Date"), DAY).plusDays(1));
                }
            }
        });
    }

    @Test
    void determinantsAddUpToTheIntervalsOfTheBillPeriod() {
        // Per meter account and bill period: sum of KWH_DEL_* determinants vs sum of KWH_DEL intervals.
        Map<String, List<Row>> periods = new HashMap<>();
        // One entry per bill period: a cancelled bill and its rebill share theirs.
        bills.stream().filter(r -> r.get("Is_cancellation").equals("0"))
                .collect(Collectors.toMap(r -> r.get("MeterAccount_ID") + "/" + r.get("Bill_start_date"), r -> r,
                        (a, b) -> a))
                .values()
                .forEach(r -> periods.computeIfAbsent(r.get("MeterAccount_ID"), k -> new ArrayList<>()).add(r));
        Map<String, BigDecimal> fromIntervals = new HashMap<>();
        files.forEach(GridxFileType.INTERVAL, r -> {
            List<Row> accountBills = periods.get(r.get("MeterAccount_ID"));
            if (accountBills == null || r.get("Channel").equals("KWH_REC")) {
                return;
            }
            String day = r.get("Date_of_interval");
            for (Row bill : accountBills) {
                if (day.compareTo(bill.get("Bill_start_date")) >= 0 && day.compareTo(bill.get("Bill_end_date")) <= 0) {
                    fromIntervals.merge(r.get("MeterAccount_ID") + "/" + bill.get("Bill_start_date"),
                            r.decimal("Usage_value"), BigDecimal::add);
                }
            }
        });
        Map<String, BigDecimal> fromDeterminants = new HashMap<>();
        files.forEach(GridxFileType.BILLDETERMINANTS, r -> {
            String channel = r.get("Channel");
            if ((channel.startsWith("KWH_DEL_") && !channel.equals("KWH_DEL_CPP_EVENT"))
                    || channel.startsWith("THERM_DEL_")) {
                fromDeterminants.merge(r.get("MeterAccount_ID") + "/" + r.get("Start_time_of_interval")
                        .substring(0, 8), r.decimal("Usage_value"), BigDecimal::add);
            }
        });

        assertThat(fromDeterminants).hasSizeGreaterThan(50);
        fromDeterminants.forEach((key, value) ->
                assertThat(value).as(key).isEqualByComparingTo(fromIntervals.get(key)));
    }
}
