package org.lfenergy.cds.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.cds.billing.support.BillingScenario;
import org.lfenergy.cds.billing.support.Filters;
import org.lfenergy.cds.billing.support.TopicPublisher;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class BillingApiTest {

    private static final JsonPathConfig EXACT = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);
    private static BillingScenario s;
    private static String all;

    @BeforeEach
    void publishOnce() {
        synchronized (BillingApiTest.class) {
            if (s != null) {
                return;
            }
            BillingScenario scenario = new BillingScenario();
            try (TopicPublisher p = new TopicPublisher()) {
                // Out of order on purpose: bills and details before the customers and attributes they belong to.
                p.publish(scenario.client, scenario.file("BILLING", scenario.first), scenario.bills);
                p.publish(scenario.client, scenario.file("BILLINGDETAIL", scenario.first), scenario.details);
                p.publish(scenario.client, scenario.file("CUSTOMERATTRIBUTE", scenario.first), scenario.attributes);
                p.publish(scenario.client, scenario.file("CUSTOMER", scenario.first), scenario.customers);
                p.publish(scenario.client, scenario.file("BILLINGCYCLE", scenario.reference), scenario.cycles);
                p.publish(scenario.client, scenario.file("NETWORK", scenario.reference), scenario.networks);
                p.publish(scenario.client, scenario.file("EVENT", scenario.reference), scenario.events);
                // A poison event on a channel must not stop it: the later file must still be consumed.
                p.publishRaw(Topic.BILLS, scenario.client + "|K3", "{not json".getBytes(StandardCharsets.UTF_8));
                p.publish(scenario.client, scenario.file("BILLING", scenario.later), scenario.laterBills);
                p.publish(scenario.client, scenario.file("BILLINGDETAIL", scenario.later), scenario.laterDetails);
            }
            s = scenario;
            all = Filters.signed(s.client, s.accountIds(), s.contractIds(), Filters.everything(),
                    DateWindows.UNBOUNDED);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                assertThat(ids(get("/cds/v1/bill-sections", all), "bill_sections", "cds_billsection_id"))
                        .hasSize(s.allBills().size());
                assertThat(get("/cds/v1/bill-sections", all, "cds_billsection_ids", s.sectionId(s.cancelledBill))
                        .getBoolean("bill_sections[0].gridx_cancelled")).isTrue();
                assertThat(get("/cds/v1/service-contracts", all).getList("service_contracts")).hasSize(4);
                assertThat(get("/cds/v1/accounts", all, "account_statuses", "closed").getList("accounts"))
                        .hasSize(1);
                assertThat(get("/cds/v1/service-contracts", all, "contract_types", "billed_monthly")
                        .getList("service_contracts")).hasSize(3);
                assertThat(get("/cds/v1/service-contracts", all, "q", "community_solar")
                        .getList("service_contracts")).hasSize(1);
                assertThat(get("/cds/v1/service-contracts", all, "q", "cpp").getList("service_contracts"))
                        .hasSize(1);
            });
        }
    }

    // ------------------------------------------------------------------ access filter and parameter errors

    @Test
    void acceptsFiltersSignedWithTheOtherKeyOfARotation() {
        String rotatedKey = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("cds.access-filter.also-accepted-keys", String.class);
        String byRotatedKey = new org.lfenergy.cds.contracts.access.AccessFilterCodec(
                rotatedKey.getBytes(StandardCharsets.UTF_8)).encode(Filters.CODEC.verify(all));
        for (Listing l : Listing.values()) {
            given().header(AccessFilter.HEADER, byRotatedKey).get(l.path()).then().statusCode(200);
        }
    }

    @Test
    void refusesRequestsWithoutAValidAccessFilter() {
        for (Listing l : Listing.values()) {
            given().get(l.path()).then().statusCode(401).contentType("application/json")
                    .body("error", org.hamcrest.Matchers.equalTo("unauthorized"));
            given().header(AccessFilter.HEADER, all.substring(0, all.length() - 3) + "AAA").get(l.path()).then()
                    .statusCode(401);
            String otherKey = new org.lfenergy.cds.contracts.access.AccessFilterCodec(
                    "another-key-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8))
                    .encode(Filters.CODEC.verify(all));
            given().header(AccessFilter.HEADER, otherKey).get(l.path()).then().statusCode(401);
        }
    }

    @Test
    void refusesUnknownAndMalformedParametersNamingThem() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("/cds/v1/accounts|account_number", new String[] {"account_number", "x"});
        bad.put("/cds/v1/accounts|account_statuses", new String[] {"account_statuses", "active nonsense"});
        bad.put("/cds/v1/accounts|limit", new String[] {"limit", "0"});
        bad.put("/cds/v1/accounts|cursor", new String[] {"cursor", "garbage!"});
        bad.put("/cds/v1/accounts|q", new String[] {"q", ""});
        bad.put("/cds/v1/service-contracts|contract_types", new String[] {"contract_types", "monthly"});
        bad.put("/cds/v1/service-contracts|before", new String[] {"before", "2024-01-01"});
        bad.put("/cds/v1/bill-statements|before", new String[] {"before", "2024-13-01"});
        bad.put("/cds/v1/bill-statements|q", new String[] {"q", "x"});
        bad.put("/cds/v1/bill-sections|after", new String[] {"after", "yesterday"});
        for (Map.Entry<String, String[]> e : bad.entrySet()) {
            String path = e.getKey().split("\\|")[0];
            given().header(AccessFilter.HEADER, all).queryParam(e.getValue()[0], e.getValue()[1]).get(path).then()
                    .statusCode(400).contentType("application/json")
                    .body("parameter", org.hamcrest.Matchers.equalTo(e.getValue()[0]));
        }
        given().header(AccessFilter.HEADER, all).queryParam("q", "a").queryParam("q", "b").get("/cds/v1/accounts")
                .then().statusCode(400).body("parameter", org.hamcrest.Matchers.equalTo("q"));
    }

    // ------------------------------------------------------------------ objects equal the source rows

    @Test
    void accountsAreBuiltFromTheSourceRows() {
        JsonPath page = get("/cds/v1/accounts", all);
        assertThat(page.getList("accounts")).hasSize(3);
        assertThat(page.getString("next")).isNull();
        assertThat(page.getString("previous")).isNull();
        Map<String, Object> e1 = find(page, "accounts", "account_number", "E1");
        assertThat(e1.get("cds_account_id")).isEqualTo(s.accountId("E1"));
        assertThat(e1.get("customer_number")).isEqualTo("P1");
        assertThat(e1.get("account_name")).isEqualTo("Acme Corp");
        assertThat(e1.get("account_address")).isEqualTo("100 Industrial Way\nSan Jose, CA 95112");
        assertThat(e1.get("account_status")).isEqualTo("active");
        assertThat(e1.get("account_types")).isEqualTo(List.of("customer", "commercial", "billed_monthly"));
        assertThat(e1.get("cds_account_parent")).isNull();
        assertThat(values(e1.get("account_contacts"), "value")).containsExactlyInAnyOrder("billing@acme.example",
                "+14085550199");
        assertThat(e1.get("cds_created")).isEqualTo(iso(s.first));
        Map<String, Object> e2 = find(page, "accounts", "account_number", "E2");
        assertThat(e2.get("account_name")).isEqualTo("Jane Doe");
        assertThat(values(e2.get("account_programs"), "program_number")).containsExactly("CARE");
        assertThat(values(e2.get("account_contacts"), "value")).contains("+15595550103");
        Map<String, Object> e3 = find(page, "accounts", "account_number", "E3");
        assertThat(e3.get("account_status")).isEqualTo("closed");
        assertThat(e3.get("account_name")).isEqualTo("Old Tenant");
    }

    @Test
    void serviceContractsAreBuiltFromTheSourceRows() {
        JsonPath page = get("/cds/v1/service-contracts", all);
        Map<String, Object> k1 = find(page, "service_contracts", "contract_number", "K1");
        assertThat(k1.get("cds_servicecontract_id")).isEqualTo(s.contractId("K1"));
        assertThat(k1.get("cds_account_id")).isEqualTo(s.accountId("E1"));
        assertThat(k1.get("contract_status")).isEqualTo("active");
        assertThat(k1.get("contract_start")).isEqualTo("2019-03-01");
        assertThat(k1.get("contract_end")).isNull();
        assertThat(k1.get("service_types")).isEqualTo(List.of("electric", "commercial", "metered", "distribution",
                "supply"));
        assertThat(k1.get("rateplan_code")).isEqualTo("B-19");
        assertThat(k1.get("rateplan_name")).isEqualTo("Medium general demand time-of-use");
        assertThat(values(k1.get("service_programs"), "program_number")).containsExactly("CPP");
        Map<String, Object> k2 = find(page, "service_contracts", "contract_number", "K2");
        assertThat(k2.get("service_types")).asList().startsWith("natural_gas", "commercial");
        Map<String, Object> k3 = find(page, "service_contracts", "contract_number", "K3");
        assertThat(k3.get("rateplan_code")).isEqualTo("E-TOU-C");
        assertThat(values(k3.get("gridx_rateplan_history"), "rateplan_code")).containsExactly("E-1", "E-TOU-C");
        assertThat(values(k3.get("service_programs"), "program_number"))
                .containsExactlyInAnyOrder("NEM", "COMMUNITY_SOLAR");
        assertThat(k3.get("contract_address")).isEqualTo("2710 Blackstone Ave\nFresno, CA 93704");
        Map<String, Object> k4 = find(page, "service_contracts", "contract_number", "K4");
        assertThat(k4.get("contract_status")).isEqualTo("closed");
        assertThat(k4.get("contract_end")).isEqualTo("2024-01-31");
    }

    @Test
    void billSectionsCarryTheBillsTotalsAndLineItems() {
        JsonPath page = get("/cds/v1/bill-sections", all);
        Map<String, BillPayload> bills = s.allBills();
        assertThat(ids(page, "bill_sections", "cds_billsection_id")).containsExactlyInAnyOrderElementsOf(
                bills.keySet().stream().map(s::sectionId).toList());
        for (Map.Entry<String, BillPayload> e : bills.entrySet()) {
            Map<String, Object> section = find(page, "bill_sections", "cds_billsection_id", s.sectionId(e.getKey()));
            BillPayload b = e.getValue();
            assertThat(section.get("start_date")).isEqualTo(b.billStartDate().toString());
            assertThat(section.get("end_date")).isEqualTo(b.billEndDate().toString());
            assertThat(section.get("account_number")).isEqualTo(s.entityOf(b.contractId()));
            assertThat(section.get("related_servicecontracts")).isEqualTo(List.of(s.contractId(b.contractId())));
            assertThat(section.get("cds_billstatement_id")).isEqualTo(s.statementId(s.entityOf(b.contractId()),
                    b.billYear(), b.billMonth()));
            List<Map<String, Object>> costs = list(section.get("cost_details"));
            assertThat(decimal(costs.get(0).get("cost"))).isEqualByComparingTo(b.totalBillAmount());
            List<BillDetailPayload> lines = new ArrayList<>(s.details);
            lines.addAll(s.laterDetails);
            List<BillDetailPayload> mine = lines.stream().filter(l -> l.billId().equals(e.getKey())).toList();
            List<Map<String, Object>> items = list(section.get("line_items"));
            assertThat(items).hasSize(mine.size());
            BigDecimal sum = items.stream().map(i -> decimal(i.get("cost"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(b.totalBillAmount());
            assertThat(decimal(list(section.get("usage_details")).get(0).get("value")))
                    .isEqualByComparingTo(b.totalBillUsageValue());
        }
    }

    @Test
    void billStatementsGroupTheSectionsOfAnAccountByBillMonth() {
        JsonPath page = get("/cds/v1/bill-statements", all);
        Map<String, BigDecimal> expected = s.amountDue();
        assertThat(ids(page, "bill_statements", "cds_billstatement_id"))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, amount) -> {
            Map<String, Object> st = find(page, "bill_statements", "cds_billstatement_id", id);
            assertThat(decimal(st.get("amount_due"))).isEqualByComparingTo(amount);
            assertThat(st.get("statement_date")).isEqualTo(s.statementDates().get(id).toString());
            assertThat(st.get("currency")).isEqualTo("USD");
            assertThat(st).containsKey("shutoff_prevention_minimum_due");
        });
    }

    @Test
    void cancelRebillKeepsBothVersions() {
        JsonPath page = get("/cds/v1/bill-sections", all, "cds_servicecontract_ids", s.contractId("K3"),
                "before", "2024-02-01");
        assertThat(ids(page, "bill_sections", "cds_billsection_id"))
                .containsExactlyInAnyOrder(s.sectionId(s.cancelledBill), s.sectionId(s.rebill));
        Map<String, Object> cancelled = find(page, "bill_sections", "cds_billsection_id",
                s.sectionId(s.cancelledBill));
        Map<String, Object> rebill = find(page, "bill_sections", "cds_billsection_id", s.sectionId(s.rebill));
        assertThat(cancelled.get("gridx_cancelled")).isEqualTo(true);
        assertThat(rebill.get("gridx_cancelled")).isEqualTo(false);
        assertThat(cancelled.get("cds_created")).isEqualTo(iso(s.first));
        assertThat(cancelled.get("cds_modified")).isEqualTo(iso(s.later));
        assertThat(rebill.get("cds_created")).isEqualTo(iso(s.later));
        assertThat(cancelled.get("related_billsections")).isEqualTo(List.of(s.sectionId(s.rebill)));
        JsonPath statement = get("/cds/v1/bill-statements", all, "cds_billstatement_ids",
                s.statementId("E2", 2024, 1));
        assertThat(decimal(statement.get("bill_statements[0].amount_due"))).isEqualByComparingTo(s.total(s.rebill));
        assertThat(statement.getList("bill_statements[0].new_charges")).hasSize(1);
    }

    // ------------------------------------------------------------------ filters, one by one

    @Test
    void accountFiltersNarrowTheList() {
        assertThat(numbers("/cds/v1/accounts", "accounts", "cds_account_ids", s.accountId("E1") + " "
                + s.accountId("E3"))).containsExactlyInAnyOrder("E1", "E3");
        assertThat(numbers("/cds/v1/accounts", "accounts", "customer_numbers", "P2")).containsExactly("E2");
        assertThat(numbers("/cds/v1/accounts", "accounts", "account_numbers", "E2 E3"))
                .containsExactlyInAnyOrder("E2", "E3");
        assertThat(numbers("/cds/v1/accounts", "accounts", "account_statuses", "active"))
                .containsExactlyInAnyOrder("E1", "E2");
        assertThat(numbers("/cds/v1/accounts", "accounts", "q", "ACME")).containsExactly("E1");
        assertThat(numbers("/cds/v1/accounts", "accounts", "q", "jane@example")).containsExactly("E2");
        assertThat(numbers("/cds/v1/accounts", "accounts", "q", "care")).containsExactly("E2");
        assertThat(numbers("/cds/v1/accounts", "accounts", "account_numbers", "E1 E2", "account_statuses", "closed"))
                .isEmpty();
    }

    @Test
    void serviceContractFiltersNarrowTheList() {
        String path = "/cds/v1/service-contracts";
        assertThat(contracts(path, "cds_servicecontract_ids", s.contractId("K2"))).containsExactly("K2");
        assertThat(contracts(path, "account_numbers", "E1")).containsExactlyInAnyOrder("K1", "K2");
        assertThat(contracts(path, "contract_numbers", "K3 K4")).containsExactlyInAnyOrder("K3", "K4");
        assertThat(contracts(path, "contract_statuses", "closed")).containsExactly("K4");
        assertThat(contracts(path, "contract_types", "billed_monthly project"))
                .containsExactlyInAnyOrder("K1", "K2", "K3");
        assertThat(contracts(path, "service_types", "natural_gas")).containsExactly("K2");
        assertThat(contracts(path, "service_types", "residential")).containsExactlyInAnyOrder("K3", "K4");
        assertThat(contracts(path, "q", "blackstone")).containsExactly("K3");
        assertThat(contracts(path, "q", "e-tou")).containsExactly("K3");
        assertThat(contracts(path, "q", "nem")).containsExactly("K3");
        assertThat(contracts(path, "service_types", "electric", "account_numbers", "E1")).containsExactly("K1");
    }

    @Test
    void billStatementFiltersNarrowTheList() {
        String path = "/cds/v1/bill-statements";
        Map<String, LocalDate> dates = s.statementDates();
        String one = s.statementId("E1", 2024, 2);
        assertThat(ids(get(path, all, "cds_billstatement_ids", one), "bill_statements", "cds_billstatement_id"))
                .containsExactly(one);
        assertThat(ids(get(path, all, "before", "2024-02-08"), "bill_statements", "cds_billstatement_id"))
                .containsExactlyInAnyOrderElementsOf(dates.entrySet().stream()
                        .filter(e -> !e.getValue().isAfter(LocalDate.parse("2024-02-08"))).map(Map.Entry::getKey)
                        .toList());
        assertThat(ids(get(path, all, "after", "2024-02-08"), "bill_statements", "cds_billstatement_id"))
                .containsExactlyInAnyOrderElementsOf(dates.entrySet().stream()
                        .filter(e -> !e.getValue().isBefore(LocalDate.parse("2024-02-08"))).map(Map.Entry::getKey)
                        .toList());
        assertThat(ids(get(path, all, "cds_account_ids", s.accountId("E3")), "bill_statements",
                "cds_billstatement_id")).containsExactly(s.statementId("E3", 2024, 1));
        assertThat(ids(get(path, all, "account_numbers", "E2"), "bill_statements", "cds_billstatement_id"))
                .containsExactlyInAnyOrder(s.statementId("E2", 2024, 1), s.statementId("E2", 2024, 2));
    }

    @Test
    void billSectionFiltersNarrowTheList() {
        String path = "/cds/v1/bill-sections";
        assertThat(bills(path, "cds_billsection_ids", s.sectionId("9000000001"))).containsExactly("9000000001");
        assertThat(bills(path, "before", "2024-01-09")).containsExactly("9000000007"); // start_date ≤
        assertThat(bills(path, "after", "2024-02-08")).containsExactlyInAnyOrder("9000000002", "9000000004",
                "9000000006"); // end_date ≥
        assertThat(bills(path, "after", "2024-02-01", "before", "2024-02-01"))
                .containsExactlyInAnyOrder("9000000001", "9000000003", s.cancelledBill, s.rebill); // overlap
        assertThat(bills(path, "cds_billstatement_ids", s.statementId("E1", 2024, 1)))
                .containsExactlyInAnyOrder("9000000001", "9000000003");
        assertThat(bills(path, "cds_account_ids", s.accountId("E3"))).containsExactly("9000000007");
        assertThat(bills(path, "account_numbers", "E2")).containsExactlyInAnyOrder(s.cancelledBill, s.rebill,
                "9000000006");
        assertThat(bills(path, "cds_servicecontract_ids", s.contractId("K2")))
                .containsExactlyInAnyOrder("9000000003", "9000000004");
        assertThat(bills(path, "contract_numbers", "K1 K4")).containsExactlyInAnyOrder("9000000001", "9000000002",
                "9000000007");
    }

    // ------------------------------------------------------------------ ordering and paging

    @Test
    void listsAreOrderedAsTheSpecRequires() {
        JsonPath accounts = get("/cds/v1/accounts", all);
        List<String> modified = accounts.getList("accounts.cds_modified");
        assertThat(modified).isSortedAccordingTo(Comparator.reverseOrder());
        JsonPath contracts = get("/cds/v1/service-contracts", all);
        assertThat(contracts.<String>getList("service_contracts.cds_modified"))
                .isSortedAccordingTo(Comparator.reverseOrder());
        JsonPath statements = get("/cds/v1/bill-statements", all);
        List<Map<String, Object>> st = statements.getList("bill_statements");
        for (int i = 1; i < st.size(); i++) {
            String a = (String) st.get(i - 1).get("statement_date");
            String b = (String) st.get(i).get("statement_date");
            assertThat(a.compareTo(b) > 0 || (a.equals(b) && ((String) st.get(i - 1).get("cds_modified"))
                    .compareTo((String) st.get(i).get("cds_modified")) >= 0)).isTrue();
        }
        // Sections: account_number, contract_number, start_date ascending, then cds_modified descending.
        List<String> actual = get("/cds/v1/bill-sections", all).getList("bill_sections.cds_billsection_id");
        List<BillPayload> expected = new ArrayList<>(s.allBills().values());
        expected.sort(Comparator.comparing((BillPayload b) -> s.entityOf(b.contractId()))
                .thenComparing(BillPayload::contractId).thenComparing(BillPayload::billStartDate)
                .thenComparing(b -> b.billId().equals(s.cancelledBill) ? 0 : 1)); // both modified by the later file
        List<String> expectedIds = expected.stream().map(b -> s.sectionId(b.billId())).toList();
        assertThat(actual.stream().map(id -> s.allBills().keySet().stream().filter(b -> s.sectionId(b).equals(id))
                .findFirst().map(b -> s.entityOf(s.allBills().get(b).contractId()) + s.allBills().get(b).contractId()
                        + s.allBills().get(b).billStartDate()).orElseThrow()).toList())
                .isEqualTo(expectedIds.stream().map(id -> s.allBills().keySet().stream()
                        .filter(b -> s.sectionId(b).equals(id)).findFirst().map(b -> s.entityOf(
                                s.allBills().get(b).contractId()) + s.allBills().get(b).contractId()
                                + s.allBills().get(b).billStartDate()).orElseThrow()).toList());
    }

    @Test
    void pagesFollowNextAndPreviousLinksThroughTheWholeList() {
        List<String> whole = get("/cds/v1/bill-sections", all).getList("bill_sections.cds_billsection_id");
        List<String> walked = new ArrayList<>();
        List<String> nexts = new ArrayList<>();
        JsonPath page = get("/cds/v1/bill-sections", all, "limit", "3");
        assertThat(page.getString("previous")).isNull();
        while (true) {
            walked.addAll(page.getList("bill_sections.cds_billsection_id"));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            assertThat(next).startsWith("http://127.0.0.1:8080/cds/v1/bill-sections?limit=3&cursor=");
            nexts.add(next);
            page = follow(next);
            assertThat(page.getString("previous")).isNotNull();
        }
        assertThat(walked).isEqualTo(whole);
        JsonPath first = follow(follow(nexts.get(0)).getString("previous"));
        assertThat(first.<String>getList("bill_sections.cds_billsection_id")).isEqualTo(whole.subList(0, 3));
        assertThat(first.getString("previous")).isNull();
        JsonPath second = follow(follow(nexts.get(1)).getString("previous"));
        assertThat(second.<String>getList("bill_sections.cds_billsection_id")).isEqualTo(whole.subList(3, 6));
        JsonPath filtered = get("/cds/v1/bill-sections", all, "account_numbers", "E1 E2", "limit", "2");
        assertThat(filtered.getString("next")).contains("account_numbers=E1%20E2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cds/v1/accounts", "/cds/v1/service-contracts", "/cds/v1/bill-statements",
        "/cds/v1/bill-sections"})
    void everyListWalkedForwardAndBackPageByPageGivesTheWholeListsObjectsInOrder(String path) {
        String key = path.substring(path.lastIndexOf('/') + 1).replace('-', '_');
        List<Object> whole = get(path, all).getList(key);
        assertThat(whole).hasSizeGreaterThan(2);
        List<List<Object>> pages = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        JsonPath page = get(path, all, "limit", "2");
        while (true) {
            pages.add(page.getList(key));
            previous.add(page.getString("previous"));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            page = follow(next);
        }
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(whole);
        assertThat(pages).allSatisfy(p -> assertThat(p).isNotEmpty().hasSizeLessThanOrEqualTo(2));
        assertThat(previous.get(0)).isNull();
        for (int i = pages.size() - 1; i > 0; i--) { // back from the last page to the first
            assertThat(follow(previous.get(i)).<Object>getList(key)).isEqualTo(pages.get(i - 1));
        }
    }

    // ------------------------------------------------------------------ gating and coverage

    @Test
    void optionalFieldsAppearOnlyWithTheirIncludeField() {
        String bare = Filters.signed(s.client, s.accountIds(), s.contractIds(), EnumSet.of(IncludeField.ACCOUNTS,
                IncludeField.SERVICE_CONTRACTS, IncludeField.BILL_STATEMENTS, IncludeField.BILL_SECTIONS),
                DateWindows.UNBOUNDED);
        Map<String, Object> account = get("/cds/v1/accounts", bare).getList("accounts", Map.class).get(0);
        assertThat(account).containsKeys("cds_account_id", "cds_created", "cds_modified", "cds_synced",
                "cds_account_parent").doesNotContainKeys("account_number", "customer_number", "account_name",
                "account_address", "account_contacts", "account_programs", "account_status");
        Map<String, Object> contract = get("/cds/v1/service-contracts", bare).getList("service_contracts", Map.class)
                .get(0);
        assertThat(contract).containsKeys("contract_types", "contract_status", "service_types")
                .doesNotContainKeys("contract_number", "rateplan_code", "contract_start", "service_programs",
                        "account_number", "gridx_rateplan_history");
        Map<String, Object> statement = get("/cds/v1/bill-statements", bare).getList("bill_statements", Map.class)
                .get(0);
        assertThat(statement).containsKeys("account_number", "amount_due").doesNotContainKeys("new_charges",
                "file_uri", "account_programs");
        Map<String, Object> section = get("/cds/v1/bill-sections", bare).getList("bill_sections", Map.class).get(0);
        assertThat(section).containsKeys("usage_details", "cost_details").doesNotContainKeys("line_items",
                "service_programs");
        assertThat(section.get("related_servicepoints")).isEqualTo(List.of());
        // A filter on a field the grant cannot see matches nothing (no probing).
        assertThat(get("/cds/v1/accounts", bare, "account_numbers", "E1").getList("accounts")).isEmpty();
        assertThat(get("/cds/v1/accounts", bare, "q", "acme").getList("accounts")).isEmpty();
        // Without include_bill_statements the section's statement id is hidden.
        String sectionsOnly = Filters.signed(s.client, s.accountIds(), s.contractIds(),
                EnumSet.of(IncludeField.BILL_SECTIONS), DateWindows.UNBOUNDED);
        assertThat(get("/cds/v1/bill-sections", sectionsOnly).getString("bill_sections[0].cds_billstatement_id"))
                .isNull();
        assertThat(get("/cds/v1/bill-statements", sectionsOnly).getList("bill_statements")).isEmpty();
    }

    @Test
    void onlyCoveredObjectsAndDateWindowsAreServed() {
        String jane = Filters.signed(s.client, List.of(s.accountId("E2")), List.of(), Filters.everything(),
                DateWindows.UNBOUNDED);
        assertThat(numbers("/cds/v1/accounts", jane, "accounts")).containsExactly("E2");
        assertThat(get("/cds/v1/service-contracts", jane).<String>getList("service_contracts.contract_number"))
                .containsExactly("K3");
        assertThat(get("/cds/v1/bill-sections", jane).<String>getList("bill_sections.account_number"))
                .containsOnly("E2");
        String contractOnly = Filters.signed(s.client, List.of(), List.of(s.contractId("K2")), Filters.everything(),
                DateWindows.UNBOUNDED);
        assertThat(numbers("/cds/v1/accounts", contractOnly, "accounts")).containsExactly("E1");
        assertThat(get("/cds/v1/bill-sections", contractOnly).<String>getList("bill_sections.cds_billsection_id"))
                .containsExactlyInAnyOrder(s.sectionId("9000000003"), s.sectionId("9000000004"));
        // E1's statements are visible (its account is), but list only the covered contract's sections
        JsonPath january = get("/cds/v1/bill-statements", contractOnly, "cds_billstatement_ids",
                s.statementId("E1", 2024, 1));
        assertThat(january.<List<String>>getList("bill_statements[0].new_charges.related_billsections").stream()
                .flatMap(List::stream).toList()).containsExactly(s.sectionId("9000000003"));
        assertThat(get("/cds/v1/bill-statements", all, "cds_billstatement_ids", s.statementId("E1", 2024, 1))
                .<List<String>>getList("bill_statements[0].new_charges.related_billsections").stream()
                .flatMap(List::stream).toList())
                .containsExactlyInAnyOrder(s.sectionId("9000000001"), s.sectionId("9000000003"));
        String nothing = Filters.signed(s.client, List.of(), List.of(), Filters.everything(), DateWindows.UNBOUNDED);
        for (Listing l : Listing.values()) {
            assertThat(get(l.path(), nothing).getList(l.listKey())).isEmpty();
        }
        String february = Filters.signed(s.client, s.accountIds(), s.contractIds(), Filters.everything(),
                new DateWindows(null, LocalDate.parse("2024-02-09"), null, LocalDate.parse("2024-02-01"), null,
                        null, null));
        assertThat(get("/cds/v1/bill-statements", february).<String>getList("bill_statements.statement_date"))
                .allMatch(d -> d.compareTo("2024-02-09") >= 0).isNotEmpty();
        assertThat(get("/cds/v1/bill-sections", february).<String>getList("bill_sections.start_date"))
                .allMatch(d -> d.compareTo("2024-02-01") >= 0).isNotEmpty();
    }

    @Test
    void replayingAFileChangesNothingAndALaterFileMovesModified() {
        JsonPath before = get("/cds/v1/accounts", all, "account_numbers", "E2");
        try (TopicPublisher p = new TopicPublisher()) {
            p.publish(s.client, s.file("CUSTOMERATTRIBUTE", s.first), s.attributes);
            p.publish(s.client, s.file("CUSTOMER", s.first), s.customers);
        }
        // Wait for a later file to be applied to know the replay was consumed too (same partitions, in order).
        String stamp = "20240420060000";
        CustomerAttributePayload newMail = new CustomerAttributePayload("CT", "K3", "email", "jane.doe@example.org",
                LocalDate.parse("2020-06-15"), null);
        JsonPath unchanged = get("/cds/v1/accounts", all, "account_numbers", "E2");
        assertThat(unchanged.getString("accounts[0]")).isEqualTo(before.getString("accounts[0]"));
        try (TopicPublisher p = new TopicPublisher()) {
            p.publish(s.client, s.file("CUSTOMERATTRIBUTE", stamp), List.of(newMail));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> e2 = get("/cds/v1/accounts", all, "account_numbers", "E2")
                    .getMap("accounts[0]");
            assertThat(values(e2.get("account_contacts"), "value")).contains("jane.doe@example.org");
            assertThat(e2.get("cds_modified")).isEqualTo(iso(stamp));
            assertThat(e2.get("cds_created")).isEqualTo(iso(s.first));
        });
    }

    // ------------------------------------------------------------------ contract and operations

    @Test
    @SuppressWarnings("unchecked")
    void responsesMatchTheOpenApiDocument() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").asString());
        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        Map<String, String> objects = Map.of("accounts", "Account", "service_contracts", "ServiceContract",
                "bill_statements", "BillStatement", "bill_sections", "BillSection");
        for (Listing l : Listing.values()) {
            JsonPath page = get(l.path(), all);
            Map<String, Object> schema = schemas.get(objects.get(l.listKey()));
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            List<String> required = (List<String>) schema.get("required");
            assertThat(page.getList(l.listKey(), Map.class)).isNotEmpty().allSatisfy(o -> {
                assertThat(properties.keySet()).as(l.listKey() + " fields documented").containsAll(o.keySet());
                assertThat(o.keySet()).as(l.listKey() + " required fields present").containsAll(required);
            });
        }
    }

    @Test
    void exposesConsumerLagPoisonEventsAndProjectorBacklogAsMetrics() {
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag");
        assertThat(metrics).containsPattern("billing_events_rejected_total\\{[^}]*reason=\"invalid\"[^}]*topic=\"gridx.bills.v1\"");
        assertThat(metrics).contains("billing_events_consumed_total");
        assertThat(metrics).contains("billing_projector_backlog");
    }

    // ------------------------------------------------------------------ helpers

    static JsonPath get(String path, String filter, String... params) {
        var req = given().header(AccessFilter.HEADER, filter);
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        Response r = req.get(path);
        r.then().statusCode(200).contentType("application/json");
        return JsonPath.from(r.asString()).using(EXACT);
    }

    private static JsonPath follow(String publicUrl) {
        String pathAndQuery = publicUrl.substring("http://127.0.0.1:8080".length());
        Response r = given().header(AccessFilter.HEADER, all).urlEncodingEnabled(false).get(pathAndQuery);
        r.then().statusCode(200);
        return JsonPath.from(r.asString()).using(EXACT);
    }

    private List<String> numbers(String path, String key, String... params) {
        return get(path, all, params).getList(key + ".account_number");
    }

    private List<String> numbers(String path, String filter, String key) {
        return get(path, filter).getList(key + ".account_number");
    }

    private List<String> contracts(String path, String... params) {
        return get(path, all, params).getList("service_contracts.contract_number");
    }

    private List<String> bills(String path, String... params) {
        List<String> ids = get(path, all, params).getList("bill_sections.cds_billsection_id");
        return ids.stream().map(id -> s.allBills().keySet().stream().filter(b -> s.sectionId(b).equals(id))
                .findFirst().orElseThrow()).toList();
    }

    private static List<String> ids(JsonPath page, String key, String field) {
        return page.getList(key + "." + field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(JsonPath page, String key, String field, String value) {
        return page.getList(key, Map.class).stream().filter(m -> value.equals(m.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " with " + field + "=" + value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static List<Object> values(Object list, String field) {
        return list(list).stream().map(m -> m.get(field)).collect(Collectors.toList());
    }

    private static BigDecimal decimal(Object o) {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    private static String iso(String stamp) {
        return org.lfenergy.cds.contracts.IsoFormats.instant(BillingScenario.instant(stamp));
    }
}
