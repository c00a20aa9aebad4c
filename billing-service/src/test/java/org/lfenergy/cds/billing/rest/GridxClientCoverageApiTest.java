package org.lfenergy.cds.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.billing.support.BillingScenario;
import org.lfenergy.cds.billing.support.Filters;
import org.lfenergy.cds.billing.support.TopicPublisher;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Two GridX clients with the same person, account, contract, premise, service point and meter account numbers in
 * one read model (plus whatever else the shared topics hold): a grant is about one GridX client and sees only its
 * objects, whichever way it selects them (source numbers, {@code all}, ids, include-future) and whatever URL filters
 * name; a filter without a GridX client is refused. Also the CDS "include future" selection: the customer's accounts
 * and contracts that appeared after the grant was created.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class GridxClientCoverageApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CDS_ID = Pattern.compile("(acc|sc|sp|pre|md|bst|bsc|cus|agg|us|eac)_[a-z2-7]{24}");
    private static final String[] PATHS = {"/cds/v1/accounts", "/cds/v1/service-contracts", "/cds/v1/bill-statements",
            "/cds/v1/bill-sections"};
    /** Client A's later extract: a new account E5 (contract K5) of person P1, with one bill. */
    private static final String FUTURE_FILE = "20240412060000";
    private static final Instant BEFORE_FUTURE = Instant.parse("2024-04-08T00:00:00Z");
    private static final Instant AFTER_FUTURE = Instant.parse("2024-04-20T00:00:00Z");

    private static BillingScenario a;
    private static BillingScenario b;
    private static Throwable setupFailure;

    @BeforeEach
    void publishOnce() {
        synchronized (GridxClientCoverageApiTest.class) {
            if (setupFailure != null) {
                throw new IllegalStateException("the data set did not arrive as expected", setupFailure);
            }
            if (a != null) {
                return;
            }
            try {
                publish();
            } catch (RuntimeException | AssertionError e) {
                setupFailure = e;
                throw e;
            }
        }
    }

    private static void publish() {
        BillingScenario first = new BillingScenario();
        BillingScenario second = new BillingScenario();
        try (TopicPublisher p = new TopicPublisher()) {
            for (BillingScenario s : List.of(first, second)) {
                p.publish(s.client, s.file("CUSTOMER", s.first), s.customers);
                p.publish(s.client, s.file("CUSTOMERATTRIBUTE", s.first), s.attributes);
                p.publish(s.client, s.file("BILLING", s.first), s.bills);
                p.publish(s.client, s.file("BILLINGDETAIL", s.first), s.details);
                p.publish(s.client, s.file("BILLING", s.later), s.laterBills);
                p.publish(s.client, s.file("BILLINGDETAIL", s.later), s.laterDetails);
            }
            p.publish(first.client, first.file("CUSTOMER", FUTURE_FILE), List.of(futureCustomer()));
            p.publish(first.client, first.file("CUSTOMERATTRIBUTE", FUTURE_FILE), List.of(
                    new CustomerAttributePayload("CT", "K5", "service_type", "electric", LocalDate.parse("2024-04-01"),
                            null)));
            p.publish(first.client, first.file("BILLING", FUTURE_FILE), List.of(futureBill()));
        }
        // Arrival is checked by CDS ids (client-specific by derivation), independently of the coverage under test.
        for (BillingScenario s : List.of(first, second)) {
            boolean withFuture = s == first;
            List<String> accounts = new ArrayList<>(s.accountIds());
            List<String> contracts = new ArrayList<>(s.contractIds());
            if (withFuture) {
                accounts.add(s.accountId("E5"));
                contracts.add(s.contractId("K5"));
            }
            String ofIds = Filters.signed(s.client, accounts, contracts, Filters.everything(), DateWindows.UNBOUNDED);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(list("/cds/v1/bill-sections", ofIds)).hasSize(s.allBills().size() + (withFuture ? 1 : 0));
                assertThat(list("/cds/v1/service-contracts", ofIds)).hasSize(contracts.size());
                // the cancellation (later file) has arrived
                assertThat(list("/cds/v1/bill-sections", ofIds, "cds_billsection_ids", s.sectionId(s.cancelledBill))
                        .get(0).path("gridx_cancelled").asBoolean()).isTrue();
            });
        }
        a = first;
        b = second;
    }

    // ------------------------------------------------------------------ one GridX client per grant

    @Test
    void grantByNumbersSeesOnlyItsGridxClientsObjectsInEveryListAndRelatedList() {
        for (BillingScenario x : List.of(a, b)) {
            String byNumber = Filters.signed(x.client, numbersCoverage(), Filters.everything(),
                    DateWindows.UNBOUNDED);
            assertExactlyTheObjectsOf(x, byNumber, false);
        }
    }

    @Test
    void grantOfAllObjectsWithoutCustomerSeesOnlyItsGridxClientsObjects() {
        assertExactlyTheObjectsOf(a, Filters.signed(a.client, allCoverage(), Filters.everything(),
                DateWindows.UNBOUNDED), true);
        assertExactlyTheObjectsOf(b, Filters.signed(b.client, allCoverage(), Filters.everything(),
                DateWindows.UNBOUNDED), false);
    }

    @Test
    void otherClientsIdsAndNumbersAsUrlFiltersFindNothingOfTheirs() {
        for (Coverage coverage : List.of(numbersCoverage(), allCoverage())) {
            String ofA = Filters.signed(a.client, coverage, Filters.everything(), DateWindows.UNBOUNDED);
            assertThat(list("/cds/v1/accounts", ofA, "cds_account_ids", String.join(" ", b.accountIds()))).isEmpty();
            assertThat(list("/cds/v1/service-contracts", ofA, "cds_servicecontract_ids",
                    String.join(" ", b.contractIds()))).isEmpty();
            assertThat(list("/cds/v1/bill-sections", ofA, "cds_billsection_ids",
                    String.join(" ", sectionIds(b)))).isEmpty();
            assertThat(list("/cds/v1/bill-sections", ofA, "cds_account_ids", String.join(" ", b.accountIds())))
                    .isEmpty();
            assertThat(list("/cds/v1/bill-sections", ofA, "cds_servicecontract_ids",
                    String.join(" ", b.contractIds()))).isEmpty();
            assertThat(list("/cds/v1/bill-statements", ofA, "cds_billstatement_ids",
                    String.join(" ", b.amountDue().keySet()))).isEmpty();
            assertThat(list("/cds/v1/bill-statements", ofA, "cds_account_ids", String.join(" ", b.accountIds())))
                    .isEmpty();
            // The shared numbers find client A's objects only.
            assertThat(ids(list("/cds/v1/accounts", ofA, "account_numbers", "E1"), "cds_account_id"))
                    .containsExactly(a.accountId("E1"));
            assertThat(ids(list("/cds/v1/service-contracts", ofA, "contract_numbers", "K1 K2"),
                    "cds_servicecontract_id")).containsExactlyInAnyOrder(a.contractId("K1"), a.contractId("K2"));
            assertThat(ids(list("/cds/v1/bill-sections", ofA, "account_numbers", "E1"), "cds_billsection_id"))
                    .containsExactlyInAnyOrder(a.sectionId("9000000001"), a.sectionId("9000000002"),
                            a.sectionId("9000000003"), a.sectionId("9000000004"));
            assertThat(ids(list("/cds/v1/bill-statements", ofA, "account_numbers", "E2"), "cds_billstatement_id"))
                    .containsExactlyInAnyOrder(a.statementId("E2", 2024, 1), a.statementId("E2", 2024, 2));
        }
    }

    @Test
    void grantOfOneAccountNumberSeesThatAccountOfItsGridxClientOnly() {
        String e1 = Filters.signed(b.client, new Coverage(null, IdSelection.ofNumbers(List.of("E1")), null, null, null,
                null), Filters.everything(), DateWindows.UNBOUNDED);
        assertThat(ids(list("/cds/v1/accounts", e1), "cds_account_id")).containsExactly(b.accountId("E1"));
        assertThat(ids(list("/cds/v1/service-contracts", e1), "cds_servicecontract_id"))
                .containsExactlyInAnyOrder(b.contractId("K1"), b.contractId("K2"));
        assertThat(ids(list("/cds/v1/bill-statements", e1), "cds_billstatement_id"))
                .containsExactlyInAnyOrder(b.statementId("E1", 2024, 1), b.statementId("E1", 2024, 2));
        assertThat(ids(list("/cds/v1/bill-sections", e1), "cds_billsection_id")).containsExactlyInAnyOrder(
                b.sectionId("9000000001"), b.sectionId("9000000002"), b.sectionId("9000000003"),
                b.sectionId("9000000004"));
        // The same number under client A: client A's account, never B's.
        String e1OfA = Filters.signed(a.client, new Coverage(null, IdSelection.ofNumbers(List.of("E1")), null, null,
                null, null), Filters.everything(), DateWindows.UNBOUNDED);
        assertThat(ids(list("/cds/v1/accounts", e1OfA), "cds_account_id")).containsExactly(a.accountId("E1"));
    }

    @Test
    void idsOrCustomerOfAnotherGridxClientSelectNothing() {
        // B's own ids and B's customer, but a filter about client A: nothing at all.
        List<Coverage> ofB = List.of(
                new Coverage(null, IdSelection.ofIds(b.accountIds()), IdSelection.ofIds(b.contractIds()), null, null,
                        null),
                new Coverage(b.customerId("P1"), IdSelection.ALL, IdSelection.ALL, null, null, null),
                new Coverage(b.customerId("P1"), new IdSelection(false, true, List.of(), List.of()),
                        new IdSelection(false, true, List.of(), List.of()), null, null, null));
        for (Coverage coverage : ofB) {
            String filter = Filters.signed(a.client, coverage, Filters.everything(), DateWindows.UNBOUNDED,
                    BEFORE_FUTURE);
            for (String path : PATHS) {
                assertThat(list(path, filter)).as(path + " " + coverage).isEmpty();
            }
        }
    }

    @Test
    void filterWithoutGridxClientIsRefused() {
        String valid = Filters.signed(a.client, allCoverage(), Filters.everything(), DateWindows.UNBOUNDED);
        for (String[] change : new String[][] {{"gridx_client", null}, {"gridx_client", "null"},
                {"gridx_client", "\"\""}, {"gridx_client", "\"   \""}}) {
            String header = Filters.signedWithField(valid, change[0], change[1]);
            for (String path : PATHS) {
                given().header(AccessFilter.HEADER, header).get(path).then().statusCode(401)
                        .contentType("application/json")
                        .body("error", org.hamcrest.Matchers.equalTo("unauthorized"))
                        .body("error_description", org.hamcrest.Matchers.containsString("malformed"));
            }
        }
        // the unchanged value passes: the refusal is about the missing client, not about re-signing
        String resigned = Filters.signedWithField(valid, "gridx_client", "\"" + a.client + "\"");
        given().header(AccessFilter.HEADER, resigned).get("/cds/v1/accounts").then().statusCode(200);
    }

    // ------------------------------------------------------------------ include future

    @Test
    void includeFutureAddsTheCustomersAccountsCreatedAfterTheGrant() {
        String p1 = a.customerId("P1");
        Coverage future = new Coverage(p1, new IdSelection(false, true, List.of(a.accountId("E1")), List.of()),
                new IdSelection(false, true, List.of(), List.of()), null, null, null);
        String filter = Filters.signed(a.client, future, Filters.everything(), DateWindows.UNBOUNDED, BEFORE_FUTURE);
        assertThat(ids(list("/cds/v1/accounts", filter), "cds_account_id"))
                .containsExactlyInAnyOrder(a.accountId("E1"), a.accountId("E5"));
        assertThat(ids(list("/cds/v1/service-contracts", filter), "cds_servicecontract_id"))
                .containsExactlyInAnyOrder(a.contractId("K1"), a.contractId("K2"), a.contractId("K5"));
        assertThat(ids(list("/cds/v1/bill-sections", filter), "cds_billsection_id")).containsExactlyInAnyOrder(
                a.sectionId("9000000001"), a.sectionId("9000000002"), a.sectionId("9000000003"),
                a.sectionId("9000000004"), a.sectionId(FUTURE_BILL));
        assertThat(ids(list("/cds/v1/bill-statements", filter), "cds_billstatement_id")).containsExactlyInAnyOrder(
                a.statementId("E1", 2024, 1), a.statementId("E1", 2024, 2), a.statementId("E5", 2024, 3));
    }

    @Test
    void includeFutureOfContractsAloneSelectsOnlyTheNewContractAndItsAccount() {
        Coverage future = new Coverage(a.customerId("P1"), IdSelection.NONE,
                new IdSelection(false, true, List.of(), List.of()), null, null, null);
        String filter = Filters.signed(a.client, future, Filters.everything(), DateWindows.UNBOUNDED, BEFORE_FUTURE);
        assertThat(ids(list("/cds/v1/service-contracts", filter), "cds_servicecontract_id"))
                .containsExactly(a.contractId("K5"));
        assertThat(ids(list("/cds/v1/accounts", filter), "cds_account_id")).containsExactly(a.accountId("E5"));
        assertThat(ids(list("/cds/v1/bill-sections", filter), "cds_billsection_id"))
                .containsExactly(a.sectionId(FUTURE_BILL));
    }

    @Test
    void includeFutureAddsNothingWithoutNewObjectsCustomerOrCreationTime() {
        String p1 = a.customerId("P1");
        IdSelection e1Future = new IdSelection(false, true, List.of(a.accountId("E1")), List.of());
        IdSelection e1Only = IdSelection.ofIds(List.of(a.accountId("E1")));
        List<String> e1 = List.of(a.accountId("E1"));
        // grant created after E5 appeared; no creation time; no include_future; no customer
        assertThat(accountsOf(new Coverage(p1, e1Future, null, null, null, null), AFTER_FUTURE)).isEqualTo(e1);
        assertThat(accountsOf(new Coverage(p1, e1Future, null, null, null, null), null)).isEqualTo(e1);
        assertThat(accountsOf(new Coverage(p1, e1Only, null, null, null, null), BEFORE_FUTURE)).isEqualTo(e1);
        assertThat(accountsOf(new Coverage(null, e1Future, null, null, null, null), BEFORE_FUTURE)).isEqualTo(e1);
        // another customer of the same client has no new account: nothing
        assertThat(accountsOf(new Coverage(a.customerId("P2"), new IdSelection(false, true, List.of(), List.of()),
                null, null, null, null), BEFORE_FUTURE)).isEmpty();
        // the same person number at client B has no new account either
        String ofB = Filters.signed(b.client, new Coverage(b.customerId("P1"), new IdSelection(false, true, List.of(),
                List.of()), null, null, null, null), Filters.everything(), DateWindows.UNBOUNDED, BEFORE_FUTURE);
        assertThat(list("/cds/v1/accounts", ofB)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static final String FUTURE_BILL = "9100000001";

    private static CustomerPayload futureCustomer() {
        return new CustomerPayload("P1", "E5", "K5", "PM5", "SP5", "MA5",
                LocalDate.parse("2024-04-01").atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(-7)), null,
                "Active");
    }

    private static BillPayload futureBill() {
        return new BillPayload(FUTURE_BILL, "SP5", "K5", "MA5", LocalDate.parse("2024-03-01"),
                LocalDate.parse("2024-03-31"), 2024, 3, "E-1", "07", new BigDecimal("100"), new BigDecimal("33.00"),
                false, false);
    }

    private List<String> accountsOf(Coverage coverage, Instant grantCreated) {
        return ids(list("/cds/v1/accounts", Filters.signed(a.client, coverage, Filters.everything(),
                DateWindows.UNBOUNDED, grantCreated)), "cds_account_id");
    }

    private static Coverage numbersCoverage() {
        return new Coverage(null, IdSelection.ofNumbers(List.of("E1", "E2", "E3")),
                IdSelection.ofNumbers(List.of("K1", "K2", "K3", "K4")), IdSelection.ofNumbers(List.of("SP1", "SP2")),
                IdSelection.ofNumbers(List.of("M1")), IdSelection.NONE);
    }

    private static Coverage allCoverage() {
        return new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL);
    }

    /**
     * Every list holds exactly client {@code x}'s objects, and every CDS id anywhere in the responses (related ids,
     * statement ids, account ids of contracts and sections, ...) is one of client {@code x}'s.
     */
    private static void assertExactlyTheObjectsOf(BillingScenario x, String filter, boolean withFuture) {
        Set<String> accounts = new LinkedHashSet<>(x.accountIds());
        Set<String> contracts = new LinkedHashSet<>(x.contractIds());
        Set<String> sections = new LinkedHashSet<>(sectionIds(x));
        Set<String> statements = new LinkedHashSet<>(x.amountDue().keySet());
        Set<String> servicePoints = new LinkedHashSet<>();
        x.customers.forEach(c -> servicePoints.add(x.id(CdsIdKind.SERVICE_POINT, c.servicePointId())));
        if (withFuture) {
            accounts.add(x.accountId("E5"));
            contracts.add(x.contractId("K5"));
            sections.add(x.sectionId(FUTURE_BILL));
            statements.add(x.statementId("E5", 2024, 3));
            servicePoints.add(x.id(CdsIdKind.SERVICE_POINT, "SP5"));
        }
        List<JsonNode> accountList = list("/cds/v1/accounts", filter);
        List<JsonNode> contractList = list("/cds/v1/service-contracts", filter);
        List<JsonNode> statementList = list("/cds/v1/bill-statements", filter);
        List<JsonNode> sectionList = list("/cds/v1/bill-sections", filter);
        assertThat(ids(accountList, "cds_account_id")).containsExactlyInAnyOrderElementsOf(accounts);
        assertThat(ids(contractList, "cds_servicecontract_id")).containsExactlyInAnyOrderElementsOf(contracts);
        assertThat(ids(statementList, "cds_billstatement_id")).containsExactlyInAnyOrderElementsOf(statements);
        assertThat(ids(sectionList, "cds_billsection_id")).containsExactlyInAnyOrderElementsOf(sections);
        Set<String> universe = new HashSet<>();
        universe.addAll(accounts);
        universe.addAll(contracts);
        universe.addAll(sections);
        universe.addAll(statements);
        universe.addAll(servicePoints);
        Set<String> seen = new HashSet<>();
        for (List<JsonNode> objects : List.of(accountList, contractList, statementList, sectionList)) {
            objects.forEach(o -> collectIds(o, seen));
        }
        assertThat(seen).as("every CDS id in the responses belongs to client " + x.client).isSubsetOf(universe);
        // the related lists are really there (the check above is not vacuous)
        assertThat(sectionList).allSatisfy(s -> assertThat(s.path("related_servicecontracts")).isNotEmpty());
        assertThat(seen).containsAll(servicePoints);
    }

    private static void collectIds(JsonNode node, Set<String> out) {
        if (node.isTextual() && CDS_ID.matcher(node.asText()).matches()) {
            out.add(node.asText());
        }
        node.forEach(child -> collectIds(child, out));
    }

    private static List<String> sectionIds(BillingScenario x) {
        return x.allBills().keySet().stream().map(x::sectionId).toList();
    }

    /** Every object of a list (all pages). */
    private static List<JsonNode> list(String path, String filter, String... params) {
        List<JsonNode> out = new ArrayList<>();
        var request = given().header(AccessFilter.HEADER, filter).queryParam("limit", "1000");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        Response r = request.get(path);
        r.then().statusCode(200).contentType("application/json");
        try {
            JsonNode page = JSON.readTree(r.asString());
            page.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(out::add);
                }
            });
            assertThat(page.path("next").isNull()).as("one page holds the whole list").isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static List<String> ids(List<JsonNode> objects, String field) {
        return objects.stream().map(o -> o.path(field).asText()).toList();
    }
}
