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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.billing.support.BillingScenario;
import org.lfenergy.cds.billing.support.Filters;
import org.lfenergy.cds.billing.support.TopicPublisher;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.testing.InjectionCorpus;
import org.lfenergy.cds.testing.InjectionCorpus.Parameter;
import org.lfenergy.cds.testing.InjectionCorpus.Probe;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * SQL and script injection in every filter parameter of every billing data endpoint (taken from the service's own
 * OpenAPI document, so a new parameter is probed without editing this test): each answer is a 400 naming the
 * parameter or an empty listing, never a 500, and the read model is the same afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class BillingBadInputCorpusTest {

    private static BillingScenario s;
    private static BillingScenario covered;
    private static Map<String, String> before;

    static List<Parameter> parameters() {
        try (InputStream in = BillingBadInputCorpusTest.class.getResourceAsStream("/openapi/billing-api.json")) {
            return InjectionCorpus.queryParameters(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Probe> probes() {
        return InjectionCorpus.probes(parameters());
    }

    @BeforeEach
    void publishOnce() throws Exception {
        synchronized (BillingBadInputCorpusTest.class) {
            if (s != null) {
                return;
            }
            BillingScenario scenario = new BillingScenario();
            try (TopicPublisher p = new TopicPublisher()) {
                p.publish(scenario.client, scenario.file("CUSTOMER", scenario.first), scenario.customers);
                p.publish(scenario.client, scenario.file("CUSTOMERATTRIBUTE", scenario.first), scenario.attributes);
                p.publish(scenario.client, scenario.file("BILLING", scenario.first), scenario.bills);
                p.publish(scenario.client, scenario.file("BILLINGDETAIL", scenario.first), scenario.details);
            }
            String filter = Filters.signed(scenario.client, scenario.accountIds(), scenario.contractIds(), Filters.everything(),
                    DateWindows.UNBOUNDED);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(listing(filter, "/cds/v1/bill-sections").path("bill_sections")).hasSize(
                        scenario.bills.size());
                assertThat(listing(filter, "/cds/v1/accounts").path("accounts")).hasSize(3);
                assertThat(listing(filter, "/cds/v1/service-contracts").path("service_contracts")).hasSize(4);
            });
            covered = scenario;
            // the projection may still refine what it shows (e.g. a meter swap seen after the check): settled = the
            // same twice, two seconds apart
            Map<String, String> settled = snapshot();
            for (Map<String, String> again = null; !settled.equals(again); ) {
                again = settled;
                Thread.sleep(2000);
                settled = snapshot();
            }
            before = settled;
            s = scenario;
        }
    }

    private static JsonNode listing(String filter, String path) throws IOException {
        return new ObjectMapper().readTree(given().header(AccessFilter.HEADER, filter).get(path).then()
                .statusCode(200).extract().asByteArray());
    }

    /** The scenario's accounts and contracts with every include field, signed now. */
    private static String filter() {
        return Filters.signed(covered.client, covered.accountIds(), covered.contractIds(), Filters.everything(), DateWindows.UNBOUNDED);
    }

    /** Every endpoint's full listing as the test's grant sees it. */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : parameters().stream().map(Parameter::path).distinct().toList()) {
            out.put(path, listing(filter(), path).toString());
        }
        return out;
    }

    @Order(1)
    @Test
    void probesEveryQueryParameterOfEveryDataEndpoint() {
        assertThat(parameters()).extracting(Parameter::path).containsOnly("/cds/v1/accounts",
                "/cds/v1/service-contracts", "/cds/v1/bill-statements", "/cds/v1/bill-sections");
        assertThat(parameters()).extracting(Parameter::name).contains("q", "cds_account_ids", "account_numbers",
                "before", "after", "cursor", "limit", "contract_types");
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void injectionInAFilterParameterIsDataNeverCode(Probe probe) {
        // signed per request: a filter lives five minutes, the corpus may take longer on a busy machine
        InjectionCorpus.assertHarmless(probe, given().header(AccessFilter.HEADER, filter())
                .queryParam(probe.parameter(), probe.value()).get(probe.path()));
    }

    @Order(3)
    @Test
    void theReadModelIsUnchangedAfterTheCorpus() throws IOException {
        assertThat(snapshot()).isEqualTo(before);
    }
}
