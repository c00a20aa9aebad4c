package org.lfenergy.cds.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.contracts.InternalTopic;
import org.lfenergy.cds.contracts.Topic;

/**
 * The manifests that are derived from another source of truth, so they can be regenerated and checked:
 * the KafkaTopics from the topic catalogue ({@link Topic}) and the realm import from
 * {@code deploy/local/keycloak/cds-realm.json}.
 */
final class DerivedManifests {

    static final String KAFKA_CLUSTER = "cds-kafka";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML_OUT = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private DerivedManifests() {
    }

    /** topics.yaml: one KafkaTopic per catalogue entry, replicas 1 (the prod overlay raises them). */
    static String topicsYaml() {
        StringBuilder out = new StringBuilder()
                .append("# One KafkaTopic per topic of the catalogue (libs/contracts Topic, docs/topics.md) and per internal topic\n")
                .append("# (libs/contracts InternalTopic): name, partitions,\n")
                .append("# cleanup policy and retention. Generated from the catalogue and checked by K8sManifestsTest; regenerate with\n")
                .append("#   mvn -o -pl deploy/k8s test -Dk8s.write=true\n")
                .append("# Replicas are 1 here; the prod overlay sets 3 on every KafkaTopic.\n");
        List<String> docs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            docs.add(kafkaTopic(topic.topicName(), topic.defaultPartitions(), topic.configs()));
        }
        for (InternalTopic topic : InternalTopic.values()) {
            docs.add(kafkaTopic(topic.topicName(), topic.partitions(), topic.configs()));
        }
        return out.append(String.join("---\n", docs)).toString();
    }

    private static String kafkaTopic(String name, int partitions, java.util.Map<String, String> configs) {
        StringBuilder doc = new StringBuilder()
                .append("apiVersion: kafka.strimzi.io/v1\n")
                .append("kind: KafkaTopic\n")
                .append("metadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  labels:\n")
                .append("    strimzi.io/cluster: ").append(KAFKA_CLUSTER).append('\n')
                .append("spec:\n")
                .append("  topicName: ").append(name).append('\n')
                .append("  partitions: ").append(partitions).append('\n')
                .append("  replicas: 1\n")
                .append("  config:\n");
        new java.util.TreeMap<>(configs).forEach((key, value) -> doc.append("    ").append(key).append(": ").append(value)
                .append('\n'));
        return doc.toString();
    }

    /** realm-import.yaml: a KeycloakRealmImport whose spec.realm is the local realm JSON, unchanged. */
    static String realmImportYaml() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        doc.put("kind", "KeycloakRealmImport");
        doc.putObject("metadata").put("name", "cds-realm");
        ObjectNode spec = doc.putObject("spec");
        spec.put("keycloakCRName", "cds-keycloak");
        spec.set("realm", localRealm());
        try {
            return "# The cds realm, imported once by the Keycloak Operator when the realm does not exist yet (later changes are\n"
                    + "# made by auth-service through the admin API, or by hand). spec.realm is generated from\n"
                    + "# deploy/local/keycloak/cds-realm.json, the single source of truth, and K8sManifestsTest fails if they differ;\n"
                    + "# regenerate with   mvn -o -pl deploy/k8s test -Dk8s.write=true\n"
                    + YAML_OUT.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode localRealm() {
        try {
            return JSON.readTree(Repo.REALM_JSON.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeAll() {
        try {
            Files.writeString(Repo.TOPICS_YAML, topicsYaml());
            Files.writeString(Repo.REALM_IMPORT_YAML, realmImportYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
