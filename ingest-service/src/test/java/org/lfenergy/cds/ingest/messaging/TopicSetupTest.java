package org.lfenergy.cds.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class TopicSetupTest {

    @Test
    void everyCatalogueTopicExistsWithItsCleanupPolicyAndRetention() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = java.util.Arrays.stream(Topic.values()).map(Topic::topicName).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            var configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (Topic topic : Topic.values()) {
                assertThat(topics).containsKey(topic.topicName());
                var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
                topic.configs().forEach((key, value) ->
                        assertThat(config.get(key).value()).as("%s %s", topic.topicName(), key).isEqualTo(value));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topic.CUSTOMERS.topicName()))
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topic.INTERVALS.topicName()))
                    .get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void theInternalCheckpointTopicExistsCompactedWithOnePartition() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String name = org.lfenergy.cds.ingest.processing.ChunkCheckpoint.TOPIC;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(name);
            assertThat(topic.partitions()).hasSize(1);
            var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name))).all()
                    .get(30, TimeUnit.SECONDS).get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("segment.ms").value()).isEqualTo("3600000");
        }
    }
}
