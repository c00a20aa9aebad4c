package org.lfenergy.cds.contracts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of the catalogue that a cluster lacks, with their partitions, cleanup policy and retention,
 * so no topic is ever left to broker auto-creation (which would make a compacted entity topic a deleting one).
 * Existing topics keep their partitions but get the catalogue's cleanup policy and retention back if they drifted.
 * On Kubernetes, Strimzi KafkaTopic resources do this job instead.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    private static void alignConfigs(Admin admin, Set<String> existing, long timeoutSeconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            if (existing.contains(topic.topicName())) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
            }
        }
        if (resources.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all().get(timeoutSeconds, TimeUnit.SECONDS);
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
        for (ConfigResource resource : resources) {
            Topic topic = Topic.fromTopicName(resource.name()).orElseThrow();
            for (Map.Entry<String, String> wanted : topic.configs().entrySet()) {
                ConfigEntry entry = current.get(resource).get(wanted.getKey());
                if (entry == null || !wanted.getValue().equals(entry.value())) {
                    changes.computeIfAbsent(resource, r -> new ArrayList<>()).add(new AlterConfigOp(
                            new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                }
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    /** Creates the missing topics with {@code replicationFactor} replicas; returns the names it created. */
    public static List<String> ensureTopics(Admin admin, short replicationFactor, long timeoutSeconds) {
        try {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), topic.defaultPartitions(), replicationFactor)
                            .configs(topic.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(timeoutSeconds, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            alignConfigs(admin, existing, timeoutSeconds);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics", e);
        }
    }
}
