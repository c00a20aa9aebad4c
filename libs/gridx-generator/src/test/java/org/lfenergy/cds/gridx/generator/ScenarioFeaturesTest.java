package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.plan.Scenario;

/** Every feature the README's scenario table promises, found in the default data set (2024). */
class ScenarioFeaturesTest {

    private static GeneratedFiles files;

    @BeforeAll
    static void generate() throws IOException {
        files = GeneratedFiles.shared();
    }

    @Test
    void meterSwapEndsTheOldMeterWhenTheNewOneStarts() {
        List<Row> installs = files.rows(GridxFileType.METERACCOUNTMETER).stream()
                .filter(r -> r.get("Meteraccount_ID").equals(Scenario.SWAP_METER_ACCOUNT)).toList();

        assertThat(installs).extracting(r -> r.get("Meter_ID") + " " + r.get("Meter_install_date") + "-"
                + r.get("Meter_removal_date")).containsExactly(
                "E1000001 201604120000-202406111030", "E1000002 202406111030-");
        List<Row> swapDay = intervals(r -> r.get("MeterAccount_ID").equals(Scenario.SWAP_METER_ACCOUNT)
                && r.get("Date_of_interval").equals("20240611"));
        assertThat(swapDay).hasSize(96);
        assertThat(swapDay.get(41)).satisfies(r -> {
            assertThat(r.get("Meter_ID")).isEqualTo(Scenario.SWAP_OLD_METER);
            assertThat(r.get("Datetime_of_interval")).isEqualTo("202406111015");
        });
        assertThat(swapDay.get(42)).satisfies(r -> {
            assertThat(r.get("Meter_ID")).isEqualTo(Scenario.SWAP_NEW_METER);
            assertThat(r.get("Datetime_of_interval")).isEqualTo("202406111030");
        });
    }

    @Test
    void netMeteredAccountHasForwardAndReverseChannels() {
        Map<String, BigDecimal> byChannel = new TreeMap<>();
        BigDecimal[] nightExport = {BigDecimal.ZERO};
        files.forEach(GridxFileType.INTERVAL, r -> {
            if (r.get("Meter_ID").equals(Scenario.NEM_METER)) {
                byChannel.merge(r.get("Channel"), r.decimal("Usage_value"), BigDecimal::add);
                String hhmm = r.get("Datetime_of_interval").substring(8);
                if (r.get("Channel").equals("KWH_REC") && (hhmm.compareTo("0300") < 0 || hhmm.compareTo("2200") >= 0)) {
                    nightExport[0] = nightExport[0].add(r.decimal("Usage_value"));
                }
            }
        });

        assertThat(byChannel).containsOnlyKeys("KWH_DEL", "KWH_REC");
        assertThat(byChannel.get("KWH_DEL")).isGreaterThan(new BigDecimal("1000"));
        assertThat(byChannel.get("KWH_REC")).isGreaterThan(new BigDecimal("1000"));
        assertThat(nightExport[0]).isEqualByComparingTo("0");
        assertThat(files.rows(GridxFileType.CUSTOMERATTRIBUTE)).anySatisfy(r -> {
            assertThat(r.get("ID")).isEqualTo(Scenario.NEM_CONTRACT);
            assertThat(r.get("Key")).isEqualTo("nem");
            assertThat(r.get("Value")).isEqualTo("Y");
        });
    }

    @Test
    void springForwardDayHas92IntervalsAndFallBackDayHas100() {
        List<Row> spring = intervals(r -> r.get("Meter_ID").equals(Scenario.NEM_METER)
                && r.get("Channel").equals("KWH_DEL") && r.get("Date_of_interval").equals("20240310"));
        List<Row> fall = intervals(r -> r.get("Meter_ID").equals(Scenario.NEM_METER)
                && r.get("Channel").equals("KWH_DEL") && r.get("Date_of_interval").equals("20241103"));
        List<Row> gasSpring = intervals(r -> r.get("Meter_ID").equals(Scenario.GAS_METER)
                && r.get("Date_of_interval").equals("20240310"));
        List<Row> gasFall = intervals(r -> r.get("Meter_ID").equals(Scenario.GAS_METER)
                && r.get("Date_of_interval").equals("20241103"));

        assertThat(spring).hasSize(92);
        assertThat(spring).extracting(r -> r.get("Datetime_of_interval").substring(8))
                .noneMatch(hhmm -> hhmm.startsWith("02")).contains("0145", "0300");
        assertThat(fall).hasSize(100);
        assertThat(fall.subList(4, 12)).extracting(r -> r.get("Datetime_of_interval").substring(8) + " "
                + r.get("Time_zone")).containsExactly("0100 -07:00", "0115 -07:00", "0130 -07:00", "0145 -07:00",
                "0100 -08:00", "0115 -08:00", "0130 -08:00", "0145 -08:00");
        assertThat(gasSpring).hasSize(23);
        assertThat(gasFall).hasSize(25);
    }

    @Test
    void estimatedIntervalsAreTheTwoHoursFlaggedE() {
        List<Row> estimated = intervals(r -> r.get("Data_version").equals("E"));

        assertThat(estimated).extracting(r -> r.get("Meter_ID") + " " + r.get("Datetime_of_interval"))
                .containsExactly("E1000002 202407090800", "E1000002 202407090815", "E1000002 202407090830",
                        "E1000002 202407090845", "E1000002 202407090900", "E1000002 202407090915",
                        "E1000002 202407090930", "E1000002 202407090945");
        assertThat(files.rows(GridxFileType.BILLING)).filteredOn(r -> r.get("Is_estimate").equals("1"))
                .extracting(r -> r.get("Contract_ID") + " " + r.get("Bill_start_date") + "-" + r.get("Bill_end_date"))
                .containsExactly(Scenario.SWAP_CONTRACT + " 20240613-20240712");
    }

    @Test
    void oneIntervalIsDeliberatelyMissing() {
        List<Row> day = intervals(r -> r.get("Meter_ID").equals(Scenario.CARE_METER)
                && r.get("Date_of_interval").equals("20240520"));

        assertThat(day).hasSize(95);
        assertThat(day).extracting(r -> r.get("Datetime_of_interval"))
                .contains("202405201300", "202405201330").doesNotContain("202405201315");
    }

    @Test
    void rateChangeAndCareAreTimeSlicedOnTheContract() {
        List<Row> attributes = files.rows(GridxFileType.CUSTOMERATTRIBUTE).stream()
                .filter(r -> r.get("ID").equals(Scenario.CARE_CONTRACT)).toList();

        assertThat(attributes).filteredOn(r -> r.get("Key").equals("rate_code"))
                .extracting(r -> r.get("Value") + " " + r.get("Start_date") + "-" + r.get("End_date"))
                .containsExactly("E-1 20200120-20240709", "E-TOU-C 20240709-");
        assertThat(attributes).filteredOn(r -> r.get("Key").equals("care"))
                .extracting(r -> r.get("Value") + " " + r.get("Start_date")).containsExactly("Y 20220201");
        List<Row> bills = files.rows(GridxFileType.BILLING).stream()
                .filter(r -> r.get("Contract_ID").equals(Scenario.CARE_CONTRACT)).toList();
        assertThat(bills).filteredOn(r -> r.get("Bill_start_date").compareTo("20240709") < 0)
                .extracting(r -> r.get("Bill_rate_code")).containsOnly("E-1");
        assertThat(bills).filteredOn(r -> r.get("Bill_start_date").compareTo("20240709") >= 0)
                .extracting(r -> r.get("Bill_rate_code")).isNotEmpty().containsOnly("E-TOU-C");
        assertThat(details(Scenario.CARE_CONTRACT)).filteredOn(r -> r.get("Bill_line_item_code").equals("CARE_CR"))
                .hasSizeGreaterThanOrEqualTo(bills.size());
    }

    @Test
    void cancelledBillIsRepeatedWithCancellationFlagAndRebilledUnderANewId() {
        List<Row> bills = files.rows(GridxFileType.BILLING).stream()
                .filter(r -> r.get("Contract_ID").equals(Scenario.REBILL_CONTRACT)).toList();
        List<Row> cancelled = bills.stream().filter(r -> r.get("Is_cancellation").equals("1")).toList();

        assertThat(cancelled).hasSize(1);
        Row cancellation = cancelled.get(0);
        Row original = bills.get(bills.indexOf(cancellation) - 1);
        Row rebill = bills.get(bills.indexOf(cancellation) + 1);
        assertThat(original.get("Bill_ID")).isEqualTo(cancellation.get("Bill_ID"));
        assertThat(original.get("Total_bill_amount")).isEqualTo(cancellation.get("Total_bill_amount"));
        assertThat(original.get("Bill_rate_code")).isEqualTo("E-1");
        assertThat(rebill.get("Bill_ID")).isNotEqualTo(original.get("Bill_ID"));
        assertThat(rebill.get("Bill_rate_code")).isEqualTo("E-TOU-C");
        assertThat(rebill.get("Bill_start_date") + rebill.get("Bill_end_date"))
                .isEqualTo(original.get("Bill_start_date") + original.get("Bill_end_date"));
        assertThat(List.of(original.get("Bill_ID"), rebill.get("Bill_ID")))
                .containsExactly("9000000047", "9000000048");
    }

    @Test
    void cppEventIsListedAndBilledToTheEnrolledContractOnly() {
        assertThat(files.rows(GridxFileType.EVENT)).singleElement().satisfies(r -> {
            assertThat(r.get("Rate_plan_identifier")).isEqualTo("B-19");
            assertThat(r.get("Event_type")).isEqualTo("CPP");
            assertThat(r.get("Event_date")).isEqualTo("20240815");
            assertThat(r.get("Event_start_time") + "-" + r.get("Event_end_time")).isEqualTo("160000-210000");
        });
        List<Row> cppLines = new ArrayList<>();
        files.forEach(GridxFileType.BILLINGDETAIL, r -> {
            if (r.get("Bill_line_item_code").equals("CPP_EVT")) {
                cppLines.add(r);
            }
        });
        assertThat(cppLines).extracting(r -> r.get("Contract_ID")).contains(Scenario.CPP_CONTRACT)
                .doesNotContain(Scenario.HOST_CONTRACT);
        assertThat(cppLines).filteredOn(r -> r.get("Contract_ID").equals(Scenario.CPP_CONTRACT)).singleElement()
                .satisfies(r -> assertThat(r.get("Bill_line_item_start_date")).isLessThanOrEqualTo("20240815"));
    }

    @Test
    void communitySolarHostSharesAllItsGenerationAmongTheSubscribers() {
        List<Row> members = files.rows(GridxFileType.NETWORK);

        assertThat(members).extracting(r -> r.get("Member_ID") + " " + r.get("Member_type") + " "
                + r.get("Percent_allocation")).containsExactly("4000006 HOST 0.00", "4000001 SUBSCRIBER 40.00",
                "4000004 SUBSCRIBER 35.00", "4000005 SUBSCRIBER 25.00");
        assertThat(members).extracting(r -> r.get("Network_ID")).containsOnly(Scenario.NETWORK_ID);
        assertThat(members.stream().map(r -> r.decimal("Percent_allocation")).reduce(BigDecimal.ZERO,
                BigDecimal::add)).isEqualByComparingTo("100");
        for (String subscriber : List.of("4000001", "4000004", "4000005")) {
            assertThat(details(subscriber)).as(subscriber)
                    .anySatisfy(r -> assertThat(r.get("Bill_line_item_code")).isEqualTo("CS_CR"));
        }
    }

    @Test
    void closedContractEndsTogetherWithItsMeter() {
        assertThat(files.rows(GridxFileType.CUSTOMER)).filteredOn(r -> r.get("Contract_ID")
                .equals(Scenario.CLOSED_CONTRACT)).singleElement().satisfies(r -> {
                    assertThat(r.get("Contract_end_date")).isEqualTo("202408092359");
                    assertThat(r.get("Service_status")).isEqualTo("Closed");
                });
        assertThat(files.rows(GridxFileType.METERACCOUNTMETER)).filteredOn(r -> r.get("Meter_ID")
                .equals(Scenario.CLOSED_METER)).singleElement()
                .satisfies(r -> assertThat(r.get("Meter_removal_date")).isEqualTo("202408100000"));
        List<Row> last = intervals(r -> r.get("Meter_ID").equals(Scenario.CLOSED_METER)
                && r.get("Date_of_interval").compareTo("20240809") >= 0);
        assertThat(last).hasSize(96);
        assertThat(files.rows(GridxFileType.BILLING)).filteredOn(r -> r.get("Contract_ID")
                .equals(Scenario.CLOSED_CONTRACT)).last()
                .satisfies(r -> assertThat(r.get("Bill_end_date")).isEqualTo("20240809"));
    }

    @Test
    void attributesUseOnlyTheSpecificationsIdTypesAndNeverOverlap() {
        List<Row> attributes = files.rows(GridxFileType.CUSTOMERATTRIBUTE);
        Map<String, List<Row>> slices = attributes.stream().collect(Collectors.groupingBy(
                r -> r.get("ID_type") + "/" + r.get("ID") + "/" + r.get("Key")));

        assertThat(attributes).extracting(r -> r.get("ID_type")).containsOnly("CT", "SP", "PM");
        slices.forEach((key, rows) -> {
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).get("Start_date")).as(key)
                        .isGreaterThanOrEqualTo(rows.get(i - 1).get("End_date"));
            }
        });
        assertThat(attributes).extracting(r -> r.get("Key")).contains("first_name", "business_name",
                "service_address", "city", "state", "zip", "latitude", "longitude", "rate_code", "bill_cycle",
                "nem", "care", "voltage", "phase", "third_party_supply");
    }

    private static List<Row> intervals(Predicate<Row> filter) {
        List<Row> rows = new ArrayList<>();
        files.forEach(GridxFileType.INTERVAL, r -> {
            if (filter.test(r)) {
                rows.add(r);
            }
        });
        return rows;
    }

    private static List<Row> details(String contractId) {
        return files.rows(GridxFileType.BILLINGDETAIL).stream()
                .filter(r -> r.get("Contract_ID").equals(contractId)).toList();
    }
}
