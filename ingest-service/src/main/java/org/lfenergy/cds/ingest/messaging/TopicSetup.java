package org.lfenergy.cds.ingest.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.lfenergy.cds.ingest.config.IngestConfig;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.TopicProvisioner;

/**
 * Creates the catalogue's missing topics and the service's internal checkpoint topic when the service starts
 * ({@code cds.ingest.provision-topics}, on by default for the local stack; off on Kubernetes, where Strimzi KafkaTopic resources own the topics).
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    @Inject
    CheckpointTopic checkpoints;

    void onStart(@Observes StartupEvent ignored) {
        if (!config.provisionTopics()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaConfig.get("bootstrap.servers")))) {
            List<String> created = new java.util.ArrayList<>(
                    TopicProvisioner.ensureTopics(admin, config.topicReplicationFactor(), 30));
            // The service's own internal topic, not part of the shared catalogue (docs/topics.md, "Internal topics").
            if (checkpoints.ensure(admin, config.topicReplicationFactor(), 30)) {
                created.add(org.lfenergy.cds.ingest.processing.ChunkCheckpoint.TOPIC);
            }
            if (!created.isEmpty()) {
                LOG.infof("created topics %s", created);
            }
        }
    }
}
