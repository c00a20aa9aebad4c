package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.testing.InjectionCorpus;
import org.lfenergy.cds.testing.InjectionCorpus.Parameter;
import org.lfenergy.cds.testing.InjectionCorpus.Probe;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.messaging.TopicAssignments;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.usage.support.KafkaEvents;
import org.lfenergy.cds.usage.support.Scenario;

/**
 * SQL and script injection in every filter parameter of every usage data endpoint (taken from the service's own
 * OpenAPI document): each answer is a 400 naming the parameter or an empty listing, never a 500, and the read
 * model is the same afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class UsageBadInputCorpusTest {

    private static final List<Topic> TOPICS = List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.ATTRIBUTES,
            Topic.INTERVALS, Topic.REGISTERS, Topic.BILL_DETERMINANTS, Topic.NETWORKS, Topic.EVENTS);

    private static Coverage coverage;
    private static Map<String, String> before;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    TopicAssignments assignments;

    static List<Parameter> parameters() {
        try (InputStream in = UsageBadInputCorpusTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return InjectionCorpus.queryParameters(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Probe> probes() {
        return InjectionCorpus.probes(parameters());
    }

    @BeforeEach
    void ingestOnce() throws Exception {
        synchronized (UsageBadInputCorpusTest.class) {
            if (coverage != null) {
                return;
            }
            KafkaEvents.ensureTopics();
            Map<String, Integer> partitions = KafkaEvents.partitions(TOPICS.stream().map(Topic::topicName).toList());
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
            Scenario s = new Scenario();
            try (KafkaEvents k = new KafkaEvents()) {
                s.publish(k);
            }
            Coverage covered = new Coverage(ids.id(CdsIdKind.CUSTOMER, s.client, "P1"),
                    IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL);
            String filter = Filters.everything(covered);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(listing(filter, "/cds/v1/usage-segments").path("usage_segments")).hasSize(3);
                assertThat(listing(filter, "/cds/v1/service-points").path("service_points")).isNotEmpty();
                assertThat(listing(filter, "/cds/v1/meter-devices").path("meter_devices")).isNotEmpty();
            });
            // the projection may still refine what it shows (e.g. a meter swap seen after the check): settled = the
            // same twice, two seconds apart
            Map<String, String> settled = snapshot(filter);
            for (Map<String, String> again = null; !settled.equals(again); ) {
                again = settled;
                Thread.sleep(2000);
                settled = snapshot(filter);
            }
            before = settled;
            coverage = covered;
        }
    }

    private static JsonNode listing(String filter, String path) throws IOException {
        return new ObjectMapper().readTree(given().header(AccessFilter.HEADER, filter).get(path).then()
                .statusCode(200).extract().asByteArray());
    }

    private static Map<String, String> snapshot(String filter) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : parameters().stream().map(Parameter::path).distinct().toList()) {
            out.put(path, listing(filter, path).toString());
        }
        return out;
    }

    @Order(1)
    @Test
    void probesEveryQueryParameterOfEveryDataEndpoint() {
        assertThat(parameters()).extracting(Parameter::path).containsOnly("/cds/v1/service-points",
                "/cds/v1/meter-devices", "/cds/v1/usage-segments", "/cds/v1/aggregations", "/cds/v1/eacs");
        assertThat(parameters()).extracting(Parameter::name).contains("q", "cds_usagesegment_ids", "meter_numbers",
                "before", "after", "cursor", "limit", "beneficiaries");
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void injectionInAFilterParameterIsDataNeverCode(Probe probe) {
        // signed per request: a filter lives five minutes, the corpus may take longer on a busy machine
        InjectionCorpus.assertHarmless(probe, given().header(AccessFilter.HEADER, Filters.everything(coverage))
                .queryParam(probe.parameter(), probe.value()).get(probe.path()));
    }

    @Order(3)
    @Test
    void theReadModelIsUnchangedAfterTheCorpus() throws IOException {
        assertThat(snapshot(Filters.everything(coverage))).isEqualTo(before);
    }
}
