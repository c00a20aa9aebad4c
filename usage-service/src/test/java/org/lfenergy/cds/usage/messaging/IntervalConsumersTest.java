package org.lfenergy.cds.usage.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.support.KafkaEvents;

/**
 * The service consumes the INTERVAL topic with its own consumers (usage.intervals.concurrency of them, each on a
 * thread of its own), reports them in the liveness check and publishes their Kafka client metrics (lag) under their
 * client ids.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class IntervalConsumersTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Inject
    @Identifier("usage-assignments")
    TopicAssignments assignments;

    @Inject
    IntervalConsumers consumers;

    private static JsonPath intervalCheck() {
        return new JsonPath(given().get("/q/health/live").then().extract().asString())
                .setRootPath("checks.find { it.name == 'usage intervals consumer' }");
    }

    private long consumedRecords() {
        return consumers.states().stream().mapToLong(IntervalConsumers.State::records).sum();
    }

    @Test
    void bothConsumersHoldPartitionsConsumeEveryRowAndAreLive() throws Exception {
        Map<String, Integer> partitions = KafkaEvents.partitions(List.of(Topic.INTERVALS.topicName()));
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
        assertThat(assignments.consumersOf(Topic.INTERVALS.topicName())).isEqualTo(2);

        long before = consumedRecords();
        String client = "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        int rows = 0;
        try (KafkaEvents k = new KafkaEvents()) {
            for (int meter = 0; meter < 8; meter++) { // eight meter accounts: keys spread over the partitions
                Instant t = LocalDate.of(2024, 6, 1).atStartOfDay(LA).toInstant();
                for (int slot = 0; slot < 96; slot++, t = t.plusSeconds(900)) {
                    k.send(Topic.INTERVALS, client, new IntervalPayload("MA" + meter, "M" + meter,
                            new BigDecimal("0.125"), LocalDate.of(2024, 6, 1), t.atZone(LA).toOffsetDateTime(), t,
                            "KWH_DEL", "America/Los_Angeles", 15, "A"), ++rows + 1);
                }
            }
            k.flush();
        }
        int sent = rows;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> consumedRecords() - before >= sent);

        assertThat(consumers.states()).extracting(IntervalConsumers.State::name)
                .containsExactlyInAnyOrder("usage-intervals-0", "usage-intervals-1");
        assertThat(consumers.states()).allSatisfy(s -> {
            assertThat(s.ended()).isFalse();
            assertThat(s.failingSince()).isNull();
        });
        JsonPath check = intervalCheck();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getString("data.'usage-intervals-0'")).startsWith("running, ");
        assertThat(check.getString("data.'usage-intervals-1'")).startsWith("running, ");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*-usage-intervals-0\"");
        assertThat(metrics).containsPattern(
                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*-usage-intervals-1\"");
    }
}
