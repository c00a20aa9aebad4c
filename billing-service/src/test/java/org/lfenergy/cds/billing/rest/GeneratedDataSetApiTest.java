package org.lfenergy.cds.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.billing.support.Filters;
import org.lfenergy.cds.billing.support.GeneratedDataSet;
import org.lfenergy.cds.billing.support.GeneratedDataSet.ExpectedAccount;
import org.lfenergy.cds.billing.support.GeneratedDataSet.ExpectedContract;
import org.lfenergy.cds.billing.support.GeneratedDataSet.ExpectedLine;
import org.lfenergy.cds.billing.support.GeneratedDataSet.ExpectedSection;
import org.lfenergy.cds.billing.support.GeneratedDataSet.ExpectedStatement;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.plan.Scenario;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.testing.TestDirectories;

/**
 * The Done-when of issue 4: after the generated data set (libs/gridx-generator) is published exactly as
 * ingest-service publishes it, each endpoint returns exactly the objects computed here from the parsed source
 * files (never from the service's tables), with exact decimals; and a filter covering one customer's account
 * serves that customer's objects only.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class GeneratedDataSetApiTest {

    /** Keeps the scale of decimals as written ({@code 12.30} stays {@code 12.30}). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String PUBLIC_BASE = "http://127.0.0.1:8080";
    private static final int PAGE = 25;

    private static Path dir;
    private static GeneratedDataSet data;

    @BeforeEach
    void publishOnce() throws IOException {
        synchronized (GeneratedDataSetApiTest.class) {
            if (data != null) {
                return;
            }
            dir = Files.createTempDirectory("billing-generated-");
            GeneratedDataSet generated = new GeneratedDataSet(dir);
            generated.publish(TestDirectories.consumedTopics());
            data = generated;
            // Bills, line items and customers come on different topics: wait until every section has all its
            // lines and every statement its amount, not just until the objects exist.
            Map<String, Integer> lineCounts = new TreeMap<>();
            data.sections().values().forEach(e -> lineCounts.put(data.sectionId(e.billId()), e.lines().size()));
            Map<String, BigDecimal> amounts = new TreeMap<>();
            data.statements().values().forEach(e -> amounts.put(e.statementId(), e.amountDue()));
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(texts(list("/cds/v1/service-contracts", all()), "cds_servicecontract_id"))
                        .hasSize(data.customers.size());
                Map<String, Integer> lines = new TreeMap<>();
                list("/cds/v1/bill-sections", all()).forEach(n -> lines.put(n.get("cds_billsection_id").asText(),
                        n.get("line_items").size()));
                assertThat(lines).isEqualTo(lineCounts);
                Map<String, BigDecimal> due = new TreeMap<>();
                list("/cds/v1/bill-statements", all()).forEach(n -> due.put(n.get("cds_billstatement_id").asText(),
                        decimal(n.get("amount_due"))));
                assertThat(due).isEqualTo(amounts);
            });
        }
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        TestDirectories.deleteTree(dir);
    }

    // ------------------------------------------------------------------ the data set itself

    @Test
    void theGeneratedFilesHoldTheScenarioAndWereAllPublished() {
        for (GridxFileType type : List.of(GridxFileType.CUSTOMER, GridxFileType.CUSTOMERATTRIBUTE,
                GridxFileType.BILLING, GridxFileType.BILLINGDETAIL, GridxFileType.BILLINGCYCLE,
                GridxFileType.NETWORK, GridxFileType.EVENT, GridxFileType.METERACCOUNTMETER,
                GridxFileType.RATEVALUES)) {
            assertThat(data.rowsPublished.get(org.lfenergy.cds.gridx.events.GridxEvents.topicOf(type)))
                    .as(type.name()).isEqualTo(data.rowsRead.get(type)).isPositive();
        }
        assertThat(data.rowsPublished).doesNotContainKey(Topic.INTERVALS); // not a billing-service topic
        assertThat(data.customers).extracting(c -> c.personId()).contains(Scenario.MARIA, Scenario.JAMES,
                Scenario.LINH, Scenario.ROBERT, Scenario.SUNFIELD, Scenario.BAYVIEW, Scenario.EMILY);
        assertThat(data.bills).anyMatch(b -> b.isCancellation() && b.contractId().equals(Scenario.REBILL_CONTRACT));
    }

    // ------------------------------------------------------------------ every endpoint equals the source

    @Test
    void accountsAreExactlyTheEntitiesOfTheFiles() {
        Map<String, ExpectedAccount> expected = data.accounts();
        Map<String, ExpectedContract> contracts = data.contracts();
        List<JsonNode> accounts = list("/cds/v1/accounts", all());
        assertThat(texts(accounts, "account_number")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (JsonNode a : accounts) {
            ExpectedAccount e = expected.get(a.get("account_number").asText());
            assertThat(a.get("cds_account_id").asText()).isEqualTo(data.accountId(e.accountNumber()));
            assertThat(a.get("customer_number").asText()).as(e.accountNumber()).isEqualTo(e.customerNumber());
            assertThat(a.get("account_status").asText()).as(e.accountNumber()).isEqualTo(e.status());
            assertThat(a.get("cds_created").asText()).isEqualTo(org.lfenergy.cds.contracts.IsoFormats.instant(
                    data.fileTime));
            assertThat(a.get("account_name").asText()).as(e.accountNumber()).isEqualTo(e.name());
            assertThat(a.get("account_address").asText()).as(e.accountNumber()).isEqualTo(e.address());
            assertThat(new TreeSet<>(texts(a.get("account_contacts"), "value"))).as(e.accountNumber())
                    .isEqualTo(e.contacts());
            assertThat(new TreeSet<>(texts(a.get("account_types")))).as(e.accountNumber())
                    .isEqualTo(e.accountTypes());
            assertThat(new TreeSet<>(texts(a.get("account_programs"), "program_number"))).as(e.accountNumber())
                    .isEqualTo(e.programNumbers());
        }
        // Each account owns exactly the contracts of its Entity_ID.
        Map<String, Set<String>> owned = new TreeMap<>();
        for (JsonNode c : list("/cds/v1/service-contracts", all())) {
            owned.computeIfAbsent(c.get("cds_account_id").asText(), k -> new TreeSet<>())
                    .add(c.get("contract_number").asText());
        }
        Map<String, Set<String>> expectedOwned = new TreeMap<>();
        expected.values().forEach(a -> expectedOwned.put(data.accountId(a.accountNumber()), a.contractNumbers()));
        assertThat(owned).isEqualTo(expectedOwned);
        assertThat(contracts.values().stream().map(ExpectedContract::accountNumber).distinct().count())
                .isEqualTo(expected.size());
    }

    @Test
    void serviceContractsAreExactlyTheContractsOfTheFiles() {
        Map<String, ExpectedContract> expected = data.contracts();
        List<JsonNode> contracts = list("/cds/v1/service-contracts", all());
        assertThat(texts(contracts, "contract_number")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (JsonNode c : contracts) {
            ExpectedContract e = expected.get(c.get("contract_number").asText());
            String as = e.contractNumber();
            assertThat(c.get("cds_servicecontract_id").asText()).as(as).isEqualTo(data.contractId(as));
            assertThat(c.get("account_number").asText()).as(as).isEqualTo(e.accountNumber());
            assertThat(c.get("cds_account_id").asText()).as(as).isEqualTo(data.accountId(e.accountNumber()));
            assertThat(c.get("contract_start").asText()).as(as).isEqualTo(e.start().toString());
            assertThat(c.get("contract_end").isNull() ? null : c.get("contract_end").asText()).as(as)
                    .isEqualTo(e.end() == null ? null : e.end().toString());
            assertThat(c.get("contract_status").asText()).as(as).isEqualTo(e.status());
            assertThat(new TreeSet<>(texts(c.get("service_types")))).as(as).isEqualTo(e.serviceTypes());
            assertThat(c.get("rateplan_code").asText()).as(as).isEqualTo(e.rateplanCode());
            assertThat(texts(c.get("contract_types"))).as(as).isEqualTo(e.contractTypes());
            assertThat(c.get("contract_address").asText()).as(as).isEqualTo(e.address());
            List<GeneratedDataSet.RateSlice> history = new ArrayList<>();
            for (JsonNode h : c.get("gridx_rateplan_history")) {
                history.add(new GeneratedDataSet.RateSlice(h.get("rateplan_code").asText(), date(h.get("start")),
                        date(h.get("end"))));
            }
            assertThat(history).as(as).isEqualTo(e.rateHistory());
            Map<String, GeneratedDataSet.ExpectedProgram> programs = new TreeMap<>();
            for (JsonNode p : c.get("service_programs")) {
                List<LocalDate> days = new ArrayList<>();
                if (p.has("gridx_events")) {
                    p.get("gridx_events").forEach(d -> days.add(date(d.get("event_date"))));
                }
                programs.put(p.get("program_number").asText(), new GeneratedDataSet.ExpectedProgram(
                        p.get("program_number").asText(), date(p.get("start")), date(p.get("end")),
                        p.has("participation_number") ? p.get("participation_number").asText() : null,
                        decimal(p.get("gridx_percent_allocation")), days));
            }
            Map<String, GeneratedDataSet.ExpectedProgram> expectedPrograms = new TreeMap<>(e.programs());
            expectedPrograms.keySet().removeAll(GeneratedDataSet.ACCOUNT_PROGRAMS);
            assertThat(programs).as(as).isEqualTo(expectedPrograms);
        }
        assertThat(expected.get(Scenario.CLOSED_CONTRACT).status()).isEqualTo("closed");
        assertThat(expected.values().stream().filter(c -> c.status().equals("closed")).count()).isOne();
        // The scenario's features are in the expectations (so the comparison above covered them).
        assertThat(expected.get(Scenario.CARE_CONTRACT).rateHistory()).extracting(GeneratedDataSet.RateSlice::code)
                .containsExactly("E-1", "E-TOU-C");
        assertThat(expected.get(Scenario.NEM_CONTRACT).programs()).containsKey("NEM");
        assertThat(expected.get(Scenario.CPP_CONTRACT).programs().get("CPP").eventDates()).hasSize(1);
        assertThat(expected.get(Scenario.REBILL_CONTRACT).programs().get("COMMUNITY_SOLAR").percentAllocation())
                .isEqualTo(new BigDecimal("25.00"));
        assertThat(expected.get(Scenario.GAS_CONTRACT).serviceTypes()).contains("natural_gas");
        assertThat(expected.get(Scenario.REBILL_CONTRACT).serviceTypes()).doesNotContain("supply");
    }

    @Test
    void billSectionsAreExactlyTheBillsOfTheFilesWithTheirLineItems() {
        Map<String, ExpectedSection> expected = data.sections();
        List<JsonNode> sections = list("/cds/v1/bill-sections", all());
        Map<String, String> billOf = new LinkedHashMap<>();
        expected.keySet().forEach(b -> billOf.put(data.sectionId(b), b));
        assertThat(texts(sections, "cds_billsection_id")).containsExactlyInAnyOrderElementsOf(billOf.keySet());
        for (JsonNode s : sections) {
            ExpectedSection e = expected.get(billOf.get(s.get("cds_billsection_id").asText()));
            String as = "bill " + e.billId();
            assertThat(s.get("account_number").asText()).as(as).isEqualTo(e.accountNumber());
            assertThat(s.get("cds_account_id").asText()).as(as).isEqualTo(data.accountId(e.accountNumber()));
            assertThat(s.get("cds_billstatement_id").asText()).as(as).isEqualTo(e.statementId());
            assertThat(texts(s.get("related_servicecontracts"))).as(as)
                    .containsExactly(data.contractId(e.contractNumber()));
            assertThat(s.get("start_date").asText()).as(as).isEqualTo(e.start().toString());
            assertThat(s.get("end_date").asText()).as(as).isEqualTo(e.end().toString());
            assertThat(s.get("gridx_cancelled").asBoolean()).as(as).isEqualTo(e.cancelled());
            assertThat(s.get("gridx_estimated").asBoolean()).as(as).isEqualTo(e.estimated());
            assertThat(texts(s.get("related_billsections"))).as(as).containsExactlyInAnyOrderElementsOf(
                    e.relatedBillIds().stream().map(data::sectionId).toList());
            assertThat(texts(s.get("related_meterdevices"))).as(as).containsExactlyInAnyOrderElementsOf(
                    e.meterIds().stream().map(data::meterId).toList());
            assertThat(new TreeSet<>(texts(s.get("service_programs"), "program_number"))).as(as)
                    .isEqualTo(e.programNumbers());
            JsonNode total = s.get("cost_details").get(0);
            assertThat(texts(total.get("types"))).as(as).containsExactly("overall_total");
            assertThat(decimal(total.get("cost"))).as(as).isEqualTo(e.total());
            assertThat(decimal(s.get("usage_details").get(0).get("value"))).as(as).isEqualTo(e.usage());
            assertThat(texts(s.get("usage_details").get(0).get("types")).contains("estimated")).as(as)
                    .isEqualTo(e.estimated());
            List<ExpectedLine> lines = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode l : s.get("line_items")) {
                lines.add(new ExpectedLine(l.get("gridx_line_item_code").asText(),
                        LocalDate.parse(l.get("start_date").asText()), LocalDate.parse(l.get("end_date").asText()),
                        decimal(l.get("cost")), decimal(l.get("value")), decimal(l.get("rate"))));
                sum = sum.add(decimal(l.get("cost")));
            }
            lines.sort(GeneratedDataSet.LINE_ORDER);
            assertThat(lines).as(as).isEqualTo(e.lines());
            assertThat(sum).as(as + ": line items add up to the total").isEqualByComparingTo(e.total());
            // Subtotals (every cost detail after the total) add up to the total too.
            BigDecimal subtotals = StreamSupport.stream(s.get("cost_details").spliterator(), false).skip(1)
                    .map(c -> decimal(c.get("cost"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(subtotals).as(as).isEqualByComparingTo(e.total());
        }
        // The scenario's estimated bill and CPP event line are among the compared sections.
        assertThat(expected.values()).anyMatch(e -> e.estimated() && e.contractNumber().equals(
                Scenario.SWAP_CONTRACT));
        assertThat(expected.values()).anyMatch(e -> e.contractNumber().equals(Scenario.CPP_CONTRACT)
                && e.lines().stream().anyMatch(l -> l.code().equals("CPP_EVT")));
        // The meter swap: one of the swapped meter account's sections spans both meters.
        assertThat(expected.values()).anyMatch(e -> e.contractNumber().equals(Scenario.SWAP_CONTRACT)
                && e.meterIds().equals(Set.of(Scenario.SWAP_OLD_METER, Scenario.SWAP_NEW_METER)));
    }

    @Test
    void billStatementsAreTheSectionsOfAnAccountGroupedByBillMonth() {
        Map<String, ExpectedStatement> expected = data.statements();
        List<JsonNode> statements = list("/cds/v1/bill-statements", all());
        assertThat(texts(statements, "cds_billstatement_id")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (JsonNode st : statements) {
            ExpectedStatement e = expected.get(st.get("cds_billstatement_id").asText());
            String as = e.accountNumber() + " " + e.period();
            assertThat(st.get("account_number").asText()).as(as).isEqualTo(e.accountNumber());
            assertThat(st.get("cds_account_id").asText()).as(as).isEqualTo(data.accountId(e.accountNumber()));
            assertThat(st.get("gridx_bill_month").asText()).as(as).isEqualTo(e.period());
            assertThat(st.get("statement_date").asText()).as(as).isEqualTo(e.statementDate().toString());
            assertThat(decimal(st.get("amount_due"))).as(as).isEqualTo(e.amountDue());
            assertThat(decimal(st.get("new_charges_amount"))).as(as).isEqualTo(e.amountDue());
            Map<String, BigDecimal> charges = new TreeMap<>();
            for (JsonNode c : st.get("new_charges")) {
                assertThat(c.get("related_billsections")).as(as).hasSize(1);
                charges.put(c.get("related_billsections").get(0).asText(), decimal(c.get("amount")));
            }
            assertThat(charges).as(as).isEqualTo(e.chargesBySection());
        }
        // Every section belongs to exactly one statement, and statements hold nothing else.
        Map<String, Set<String>> sectionsOf = new TreeMap<>();
        data.sections().values().forEach(s -> sectionsOf.computeIfAbsent(s.statementId(), k -> new TreeSet<>())
                .add(s.billId()));
        assertThat(sectionsOf.keySet()).isEqualTo(expected.keySet());
    }

    @Test
    void cancelRebillShowsTheCancelledSectionAndTheRebillAsANewSection() {
        Map<String, ExpectedSection> expected = data.sections();
        List<ExpectedSection> cancelled = expected.values().stream().filter(ExpectedSection::cancelled).toList();
        assertThat(cancelled).hasSize(1);
        ExpectedSection original = cancelled.get(0);
        assertThat(original.contractNumber()).isEqualTo(Scenario.REBILL_CONTRACT);
        ExpectedSection rebill = expected.values().stream().filter(s -> !s.cancelled()
                && s.contractNumber().equals(original.contractNumber()) && s.start().equals(original.start()))
                .findFirst().orElseThrow();
        assertThat(Long.parseLong(rebill.billId())).isGreaterThan(Long.parseLong(original.billId()));
        List<JsonNode> both = list("/cds/v1/bill-sections", all(), "cds_billsection_ids",
                data.sectionId(original.billId()) + " " + data.sectionId(rebill.billId()));
        assertThat(both).hasSize(2);
        JsonNode o = both.stream().filter(n -> n.get("cds_billsection_id").asText()
                .equals(data.sectionId(original.billId()))).findFirst().orElseThrow();
        JsonNode r = both.stream().filter(n -> n != o).findFirst().orElseThrow();
        assertThat(o.get("gridx_cancelled").asBoolean()).isTrue();
        assertThat(r.get("gridx_cancelled").asBoolean()).isFalse();
        assertThat(texts(o.get("related_billsections"))).containsExactly(data.sectionId(rebill.billId()));
        assertThat(texts(r.get("related_billsections"))).containsExactly(data.sectionId(original.billId()));
        // The statement counts the rebill only.
        JsonNode statement = list("/cds/v1/bill-statements", all(), "cds_billstatement_ids", rebill.statementId())
                .get(0);
        assertThat(texts(statement.get("new_charges"), "related_billsections").toString())
                .doesNotContain(data.sectionId(original.billId()));
        assertThat(decimal(statement.get("amount_due")))
                .isEqualTo(data.statements().get(rebill.statementId()).amountDue());
    }

    @Test
    void listsComeInTheDocumentedOrderAcrossPages() {
        // Every file of the set carries the same extract time, so cds_modified ties everywhere and the id decides.
        assertThat(texts(list("/cds/v1/accounts", all()), "cds_account_id")).isEqualTo(data.accounts().keySet()
                .stream().map(data::accountId).sorted().toList());
        assertThat(texts(list("/cds/v1/service-contracts", all()), "cds_servicecontract_id")).isEqualTo(
                data.contracts().keySet().stream().map(data::contractId).sorted().toList());
        // Sections: account_number, contract_number (byte order), start_date, then the id.
        assertThat(texts(list("/cds/v1/bill-sections", all()), "cds_billsection_id")).isEqualTo(
                data.sections().values().stream().sorted(Comparator.comparing(ExpectedSection::accountNumber)
                                .thenComparing(ExpectedSection::contractNumber).thenComparing(ExpectedSection::start)
                                .thenComparing(e -> data.sectionId(e.billId())))
                        .map(e -> data.sectionId(e.billId())).toList());
        // Statements: statement_date descending, then the id.
        assertThat(texts(list("/cds/v1/bill-statements", all()), "cds_billstatement_id")).isEqualTo(
                data.statements().values().stream().sorted(Comparator.comparing(ExpectedStatement::statementDate)
                                .reversed().thenComparing(ExpectedStatement::statementId))
                        .map(ExpectedStatement::statementId).toList());
    }

    @Test
    void aReExtractOfUnchangedRowsMovesSyncedAndLeavesCreatedAndModified() throws IOException {
        String first = org.lfenergy.cds.contracts.IsoFormats.instant(data.fileTime);
        Path again = Files.createTempDirectory("billing-generated-again-");
        try {
            GeneratedDataSet next = data.reExtract(again, data.fileTime.atZone(GeneratedDataSet.ZONE)
                    .toLocalDateTime().plusDays(1));
            assertThat(next.bills).isEqualTo(data.bills);
            assertThat(next.details).isEqualTo(data.details);
            assertThat(next.customers).isEqualTo(data.customers);
            String second = org.lfenergy.cds.contracts.IsoFormats.instant(next.fileTime);
            next.publish(TestDirectories.consumedTopics());
            Map<String, String> paths = Map.of("/cds/v1/accounts", "accounts", "/cds/v1/service-contracts",
                    "service_contracts", "/cds/v1/bill-sections", "bill_sections", "/cds/v1/bill-statements",
                    "bill_statements");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String path : paths.keySet()) {
                    assertThat(texts(list(path, all()), "cds_synced")).as(path).containsOnly(second);
                }
            });
            for (String path : paths.keySet()) {
                List<JsonNode> objects = list(path, all());
                assertThat(texts(objects, "cds_created")).as(path).containsOnly(first);
                assertThat(texts(objects, "cds_modified")).as(path).containsOnly(first);
            }
        } finally {
            try (var files = Files.walk(again)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void everyObjectOfTheDataSetHasOnlyDocumentedFieldsAndAllRequiredOnes() throws IOException {
        JsonNode schemas = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString())
                .get("components").get("schemas");
        Map<String, String> objects = Map.of("/cds/v1/accounts", "Account", "/cds/v1/service-contracts",
                "ServiceContract", "/cds/v1/bill-statements", "BillStatement", "/cds/v1/bill-sections", "BillSection");
        for (Map.Entry<String, String> e : objects.entrySet()) {
            JsonNode schema = schemas.get(e.getValue());
            Set<String> documented = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(documented::add);
            List<String> required = texts(schema.get("required"));
            List<JsonNode> list = list(e.getKey(), all());
            assertThat(list).isNotEmpty();
            for (JsonNode o : list) {
                Set<String> fields = new TreeSet<>();
                o.fieldNames().forEachRemaining(fields::add);
                assertThat(documented).as(e.getValue() + " fields documented").containsAll(fields);
                assertThat(fields).as(e.getValue() + " required fields present").containsAll(required);
            }
        }
    }

    // ------------------------------------------------------------------ one customer's filter

    @Test
    void aFilterCoveringOneCustomersAccountServesOnlyThatCustomersObjects() {
        Map<String, ExpectedAccount> accounts = data.accounts();
        ExpectedAccount linh = accounts.values().stream().filter(a -> a.customerNumber().equals(Scenario.LINH))
                .findFirst().orElseThrow();
        ExpectedAccount maria = accounts.values().stream().filter(a -> a.customerNumber().equals(Scenario.MARIA))
                .findFirst().orElseThrow();
        String mine = linh.accountNumber();
        String other = maria.accountNumber();
        Set<String> myContracts = linh.contractNumbers();
        Set<String> mySections = data.sections().values().stream().filter(s -> s.accountNumber().equals(mine))
                .map(s -> data.sectionId(s.billId())).collect(Collectors.toSet());
        Set<String> myStatements = data.statements().values().stream().filter(s -> s.accountNumber().equals(mine))
                .map(ExpectedStatement::statementId).collect(Collectors.toSet());
        assertThat(mySections).isNotEmpty();
        assertThat(myStatements).isNotEmpty();

        String customerId = data.customerId(linh.customerNumber());
        IdSelection account = IdSelection.ofIds(List.of(data.accountId(mine)));
        // Her account by id (with and without her customer id), and "all accounts" of her customer id.
        for (Coverage coverage : List.of(new Coverage(customerId, account, null, null, null, null),
                new Coverage(null, account, null, null, null, null),
                new Coverage(customerId, IdSelection.ALL, null, null, null, null))) {
            String filter = Filters.signed(data.client, coverage, Filters.everything(), DateWindows.UNBOUNDED);
            assertThat(texts(list("/cds/v1/accounts", filter), "account_number")).containsExactly(mine);
            assertThat(texts(list("/cds/v1/service-contracts", filter), "contract_number"))
                    .containsExactlyInAnyOrderElementsOf(myContracts);
            assertThat(texts(list("/cds/v1/bill-sections", filter), "cds_billsection_id"))
                    .containsExactlyInAnyOrderElementsOf(mySections);
            assertThat(texts(list("/cds/v1/bill-statements", filter), "cds_billstatement_id"))
                    .containsExactlyInAnyOrderElementsOf(myStatements);
            // Another customer's account numbers as URL filters do not widen the coverage.
            String both = mine + " " + other;
            assertThat(texts(list("/cds/v1/accounts", filter, "account_numbers", both), "account_number"))
                    .containsExactly(mine);
            assertThat(list("/cds/v1/accounts", filter, "account_numbers", other)).isEmpty();
            assertThat(list("/cds/v1/service-contracts", filter, "account_numbers", other)).isEmpty();
            assertThat(list("/cds/v1/bill-sections", filter, "account_numbers", other)).isEmpty();
            assertThat(list("/cds/v1/bill-statements", filter, "account_numbers", other)).isEmpty();
            assertThat(list("/cds/v1/service-contracts", filter, "contract_numbers",
                    String.join(" ", maria.contractNumbers()))).isEmpty();
            assertThat(list("/cds/v1/bill-sections", filter, "cds_account_ids", data.accountId(other))).isEmpty();
            assertThat(texts(list("/cds/v1/bill-sections", filter, "account_numbers", both), "account_number"))
                    .containsOnly(mine).hasSize(mySections.size());
        }
        // A coverage naming the other customer's account under this customer's id yields nothing of either.
        String mismatched = Filters.signed(data.client, new Coverage(data.customerId(linh.customerNumber()),
                IdSelection.ofIds(List.of(data.accountId(other))), null, null, null, null), Filters.everything(),
                DateWindows.UNBOUNDED);
        assertThat(list("/cds/v1/accounts", mismatched)).isEmpty();
        assertThat(list("/cds/v1/bill-sections", mismatched)).isEmpty();
        assertThat(list("/cds/v1/bill-statements", mismatched)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** A filter covering every account and contract of the run's client, with every include field. */
    private static String all() {
        List<String> accounts = data.customers.stream().map(c -> data.accountId(c.entityId())).distinct().toList();
        List<String> contracts = data.customers.stream().map(c -> data.contractId(c.contractId())).toList();
        return Filters.signed(data.client, accounts, contracts, Filters.everything(), DateWindows.UNBOUNDED);
    }

    /** Every object of a list, walking the {@code next} links page by page. */
    private static List<JsonNode> list(String path, String filter, String... params) {
        String key = listKey(path);
        var request = given().header(AccessFilter.HEADER, filter).queryParam("limit", PAGE);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        JsonNode page = read(request.get(path));
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            for (JsonNode o : page.get(key)) {
                out.add(o);
            }
            JsonNode next = page.get("next");
            if (next == null || next.isNull()) {
                break;
            }
            assertThat(seen.add(next.asText())).as("paging loops").isTrue();
            assertThat(next.asText()).startsWith(PUBLIC_BASE + path + "?");
            page = read(given().header(AccessFilter.HEADER, filter).urlEncodingEnabled(false)
                    .get(next.asText().substring(PUBLIC_BASE.length())));
        }
        return out;
    }

    private static String listKey(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace('-', '_');
    }

    private static JsonNode read(Response r) {
        r.then().statusCode(200).contentType("application/json");
        try {
            return JSON.readTree(r.asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(List<JsonNode> objects, String field) {
        return objects.stream().map(o -> o.get(field).asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            JsonNode v = n.get(field);
            if (v.isArray()) {
                v.forEach(x -> out.add(x.asText()));
            } else {
                out.add(v.asText());
            }
        });
        return out;
    }

    private static LocalDate date(JsonNode n) {
        return n == null || n.isNull() ? null : LocalDate.parse(n.asText());
    }

    /** An exact decimal (scale kept): a JSON number, or a JSON null as null. */
    private static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        assertThat(n.isNumber()).as("a JSON number: " + n).isTrue();
        return n.decimalValue();
    }
}
