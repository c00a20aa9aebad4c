package org.lfenergy.cds.billing.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.billing.support.BillingScenario;

/** The mapping on its own, from the scenario's source rows (no Kafka, no database). */
class AccountProjectorTest {

    private static final BillingScenario S = new BillingScenario();
    private static final Instant FIRST = BillingScenario.instant(S.first);
    private static final Instant LATER = BillingScenario.instant(S.later);
    private static final AccountProjector PROJECTOR = new AccountProjector(settings(), BillingScenario.IDS);

    static MappingSettings settings() {
        Map<String, String> attributes = Map.ofEntries(Map.entry("first_name", "holder.first_name"),
                Map.entry("last_name", "holder.last_name"), Map.entry("business_name", "holder.business_name"),
                Map.entry("email", "contact.email"), Map.entry("phone", "contact.phone_number"),
                Map.entry("service_address", "address.street"), Map.entry("city", "address.city"),
                Map.entry("state", "address.state"), Map.entry("zip", "address.zip"),
                Map.entry("customer_class", "customer_class"), Map.entry("service_type", "service_type"),
                Map.entry("rate_code", "rate_code"), Map.entry("bill_cycle", "bill_cycle"),
                Map.entry("nem", "program.nem"), Map.entry("nem_type", "program_detail.nem"),
                Map.entry("care", "program.care"), Map.entry("cpp", "program.cpp"),
                Map.entry("third_party_supply", "supply.third_party"));
        Set<String> no = Set.of("n", "no", "false", "0");
        Map<String, MappingSettings.Program> programs = Map.of(
                "nem", new MappingSettings.Program("nem", "service", "NEM", List.of("credit_bank"), "NEM", "", "urn:x", null, no),
                "care", new MappingSettings.Program("care", "account", "CARE", List.of("low_income"), "CARE", "", "urn:x", null, no),
                "cpp", new MappingSettings.Program("cpp", "service", "CPP", List.of("demand_response"), "CPP", "", "urn:x", null, no));
        return new MappingSettings("USD", "1", new MappingSettings.Entity("u", List.of("distributor"), "U", "Utility", null),
                Map.of("contract", Set.of("CT"), "service_point", Set.of("SP"), "premise", Set.of("PM"),
                        "account", Set.of("AC"), "person", Set.of("PE")),
                attributes, Map.of("gas", "natural_gas", "electric", "electric", "residential", "residential",
                "commercial", "commercial"), Map.of("active", "active", "closed", "closed"), Map.of(),
                programs, Map.of(), Map.of("CPP", "cpp"),
                Map.of("CUSTOMER", new MappingSettings.LineSection("Customer charges", List.of("fixed_charge"),
                        List.of("fixed_charges"))),
                1, 21, BillingScenario.ZONE, Map.of(), Clock.fixed(Instant.parse("2024-04-15T00:00:00Z"), ZoneOffset.UTC));
    }

    private static AccountFacts facts(String entity, long shuffleSeed) {
        List<Fact<org.lfenergy.cds.contracts.gridx.CustomerPayload>> customers = once(S.customers.stream()
                .filter(c -> c.entityId().equals(entity)).toList(), FIRST);
        Set<String> contracts = Set.copyOf(customers.stream().map(f -> f.payload().contractId()).toList());
        List<Fact<org.lfenergy.cds.contracts.gridx.BillPayload>> bills = new ArrayList<>(once(S.bills, FIRST));
        bills.addAll(once(S.laterBills, LATER));
        bills.removeIf(b -> !contracts.contains(b.payload().contractId()));
        List<Fact<org.lfenergy.cds.contracts.gridx.BillDetailPayload>> lines = new ArrayList<>(once(S.details, FIRST));
        lines.addAll(once(S.laterDetails, LATER));
        lines.removeIf(b -> !contracts.contains(b.payload().contractId()));
        List<Fact<org.lfenergy.cds.contracts.gridx.CustomerAttributePayload>> attrs = new ArrayList<>(
                once(S.attributes, FIRST));
        Random r = new Random(shuffleSeed);
        if (shuffleSeed != 0) {
            Collections.shuffle(bills, r);
            Collections.shuffle(lines, r);
            Collections.shuffle(attrs, r);
        }
        return new AccountFacts(S.client, entity, customers, attrs, bills, lines, once(S.cycles, FIRST),
                once(S.networks, FIRST), once(S.events, FIRST), List.of());
    }

    private static <T> List<Fact<T>> once(List<T> rows, Instant t) {
        return rows.stream().map(p -> Fact.once(p, t)).toList();
    }

    @Test
    void sameFactsInAnyOrderGiveTheSameObjects() {
        for (String entity : List.of("E1", "E2", "E3")) {
            Projection a = PROJECTOR.project(facts(entity, 0));
            for (long seed = 1; seed <= 5; seed++) {
                Projection b = PROJECTOR.project(facts(entity, seed));
                assertThat(text(b)).isEqualTo(text(a));
            }
        }
    }

    @Test
    void cancelledBillStaysAsAMarkedSectionBesideItsRebill() {
        Projection p = PROJECTOR.project(facts("E2", 0));
        Function<String, Projection.SectionRow> section = bill -> p.sections().stream()
                .filter(s -> s.billId().equals(bill)).findFirst().orElseThrow();
        assertThat(section.apply(S.cancelledBill).cancelled()).isTrue();
        assertThat(section.apply(S.rebill).cancelled()).isFalse();
        assertThat(section.apply(S.cancelledBill).times().created()).isEqualTo(FIRST);
        assertThat(section.apply(S.cancelledBill).times().modified()).isEqualTo(LATER);
        Projection.StatementRow january = p.statements().stream().filter(s -> s.period().equals("2024-01"))
                .findFirst().orElseThrow();
        assertThat(january.doc().get("amount_due").decimalValue()).isEqualByComparingTo(S.total(S.rebill));
    }

    @Test
    void contractStatusComesFromServiceStatusAndDates() {
        Projection old = PROJECTOR.project(facts("E3", 0));
        assertThat(old.contracts().get(0).contractStatus()).isEqualTo("closed");
        assertThat(old.contracts().get(0).doc().get("contract_end").asText()).isEqualTo("2024-01-31");
        assertThat(old.account().accountStatus()).isEqualTo("closed");
    }

    @Test
    void lineItemsKeepExactDecimalsAndLinkTheirDetails() {
        Projection p = PROJECTOR.project(facts("E1", 0));
        JsonNode section = p.sections().stream().filter(s -> s.billId().equals("9000000001")).findFirst()
                .orElseThrow().doc();
        JsonNode demand = null;
        for (JsonNode item : section.get("line_items")) {
            if (item.get("gridx_line_item_code").asText().equals("DEM_WIN")) {
                demand = item;
            }
        }
        assertThat(demand.get("cost").decimalValue()).isEqualTo(new BigDecimal("344.10"));
        assertThat(demand.get("cost").toString()).isEqualTo("344.10");
        assertThat(demand.get("units").asText()).isEqualTo("kW");
        assertThat(demand.get("related_usage_details")).hasSize(1);
        assertThat(demand.get("related_cost_details")).hasSize(2);
        JsonNode usage = null;
        for (JsonNode u : section.get("usage_details")) {
            if (u.get("id").asText().equals(demand.get("related_usage_details").get(0).asText())) {
                usage = u;
            }
        }
        assertThat(usage.get("types").toString()).contains("electric_demand", "seasonal");
        assertThat(usage.get("demand_type").asText()).isEqualTo("peak");
    }

    @Test
    void rateChangeKeepsTheHistoryAndTheCurrentCode() {
        Projection p = PROJECTOR.project(facts("E2", 0));
        JsonNode doc = p.contracts().get(0).doc();
        assertThat(doc.get("rateplan_code").asText()).isEqualTo("E-TOU-C");
        assertThat(doc.get("gridx_rateplan_history")).hasSize(2);
        assertThat(doc.get("gridx_rateplan_history").get(0).get("end").asText()).isEqualTo("2024-02-01");
    }

    private static String text(Projection p) {
        StringBuilder sb = new StringBuilder(p.account().doc().toString());
        p.contracts().forEach(c -> sb.append(c.doc()));
        p.sections().forEach(c -> sb.append(c.doc()));
        p.statements().forEach(c -> sb.append(c.doc()));
        return sb.toString();
    }
}
