package org.lfenergy.cds.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.cds.contracts.InternalTopic;
import org.lfenergy.cds.contracts.Topic;

/**
 * Renders the Kustomize base and every overlay with the real Kustomize and holds every object to the Kubernetes and
 * operator schemas in {@code schemas/}, then checks what the schemas cannot: that the topics, ACLs and realm agree
 * with their sources of truth, and that the objects issue 9 asks for carry the settings it asks for.
 */
class K8sManifestsTest {

    static final List<String> SERVICES = List.of("ingest-service", "billing-service", "usage-service", "auth-service",
            "api-gateway");
    static final Map<String, String> DATABASE_OF = Map.of("ingest-service", "ingest", "billing-service", "billing",
            "usage-service", "usage", "auth-service", "auth");
    /** Secrets the operators create: the KafkaUsers' credentials, the Kafka cluster CA and the PostgreSQL CA. */
    static final Set<String> OPERATOR_SECRETS = Stream.concat(SERVICES.stream(),
            Stream.of("cds-kafka-cluster-ca-cert", "cds-postgres-ca")).collect(Collectors.toSet());

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();
    private static final ManifestSchemas SCHEMAS = new ManifestSchemas(Repo.SCHEMAS);

    static List<ObjectNode> rendered(String target) {
        return RENDERED.computeIfAbsent(target, t -> Kustomize.render(Repo.K8S.resolve(t)));
    }

    static List<ObjectNode> ofKind(String target, String kind) {
        return rendered(target).stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static ObjectNode one(String target, String kind, String name) {
        return ofKind(target, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError(target + ": no " + kind + " " + name));
    }

    static Optional<ObjectNode> find(String target, String kind, String name) {
        return ofKind(target, kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    // ---- rendering and schemas -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRenderedObjectMatchesItsSchema(String target) {
        List<ObjectNode> objects = rendered(target);
        assertThat(objects).hasSizeGreaterThan(50);
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            List<String> errors = SCHEMAS.validate(object);
            if (!errors.isEmpty()) {
                failures.put(object.path("kind").asText() + "/" + name(object), errors);
            }
        }
        assertThat(failures).as("schema violations in %s", target).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectHasAUniqueValidName(String target) {
        Set<String> seen = new TreeSet<>();
        for (ObjectNode object : rendered(target)) {
            String name = name(object);
            assertThat(name).as("name of a %s", object.path("kind").asText())
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253);
            assertThat(seen.add(object.path("kind").asText() + "/" + name)).as("duplicate %s", name).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev:cds-dev", "overlays/prod:cds"})
    void everyObjectLandsInTheOverlayNamespace(String targetAndNamespace) {
        String target = targetAndNamespace.split(":")[0];
        String namespace = targetAndNamespace.split(":")[1];
        assertThat(one(target, "Namespace", namespace)).isNotNull();
        for (ObjectNode object : rendered(target)) {
            if (!"Namespace".equals(object.path("kind").asText())) {
                assertThat(object.path("metadata").path("namespace").asText())
                        .as("namespace of %s/%s", object.path("kind").asText(), name(object)).isEqualTo(namespace);
            }
        }
    }

    @Test
    void validatorRejectsAMisspeltField() {
        ObjectNode deployment = one("overlays/dev", "Deployment", "billing-service").deepCopy();
        ((ObjectNode) deployment.get("spec")).put("replica", 2);
        assertThat(SCHEMAS.validate(deployment)).anyMatch(m -> m.contains("replica"));
    }

    @Test
    void validatorRejectsAWrongTypeInACustomResource() {
        ObjectNode topic = ofKind("overlays/dev", "KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.get("spec")).put("partitions", "six");
        assertThat(SCHEMAS.validate(topic)).anyMatch(m -> m.contains("partitions"));
        ObjectNode user = ofKind("overlays/dev", "KafkaUser").get(0).deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).put("operation", "Read");
        assertThat(SCHEMAS.validate(user)).anyMatch(m -> m.contains("operation"));
    }

    @Test
    void validatorRejectsAKindWithoutSchema() {
        ObjectNode unknown = Kustomize.YAML.createObjectNode();
        unknown.put("apiVersion", "example.org/v1").put("kind", "Widget").putObject("metadata").put("name", "w");
        assertThat(SCHEMAS.validate(unknown)).singleElement().asString().contains("no schema");
    }

    @Test
    void rendererFailsOnABrokenKustomization(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(AssertionError.class).hasMessageContaining("missing.yaml");
    }

    // ---- sources of truth ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kafkaTopicsAreExactlyTheCatalogue(String target) {
        int replicas = target.endsWith("prod") ? 3 : 1;
        Map<String, ObjectNode> topics = new HashMap<>();
        for (ObjectNode t : ofKind(target, "KafkaTopic")) {
            topics.put(t.at("/spec/topicName").asText(name(t)), t);
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(DerivedManifests.KAFKA_CLUSTER);
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Stream.concat(
                Stream.of(Topic.values()).map(Topic::topicName),
                Stream.of(InternalTopic.values()).map(InternalTopic::topicName)).toList());
        for (InternalTopic topic : InternalTopic.values()) {
            JsonNode spec = topics.get(topic.topicName()).get("spec");
            assertThat(spec.path("partitions").asInt()).as("partitions of %s", topic.topicName())
                    .isEqualTo(topic.partitions());
            assertThat(spec.path("replicas").asInt()).as("replicas of %s", topic.topicName()).isEqualTo(replicas);
            Map<String, String> config = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(config).as("config of %s", topic.topicName()).isEqualTo(new TreeMap<>(topic.configs()));
        }
        for (Topic topic : Topic.values()) {
            JsonNode spec = topics.get(topic.topicName()).get("spec");
            assertThat(spec.path("partitions").asInt()).as("partitions of %s", topic.topicName())
                    .isEqualTo(topic.defaultPartitions());
            assertThat(spec.path("replicas").asInt()).as("replicas of %s", topic.topicName()).isEqualTo(replicas);
            Map<String, String> config = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(config).as("config of %s", topic.topicName()).isEqualTo(new TreeMap<>(topic.configs()));
        }
    }

    @Test
    void topicsYamlIsWhatTheCatalogueGenerates() {
        assertThat(Kustomize.parse(Kustomize.read(Repo.TOPICS_YAML)))
                .as("base/kafka/topics.yaml is stale: run mvn -o -pl deploy/k8s test -Dk8s.write=true")
                .isEqualTo(Kustomize.parse(DerivedManifests.topicsYaml()));
    }

    @Test
    void realmImportIsTheLocalRealm() {
        ObjectNode imported = Kustomize.parse(Kustomize.read(Repo.REALM_IMPORT_YAML)).get(0);
        assertThat(imported.at("/spec/realm"))
                .as("base/keycloak/realm-import.yaml differs from deploy/local/keycloak/cds-realm.json: "
                        + "run mvn -o -pl deploy/k8s test -Dk8s.write=true")
                .isEqualTo(DerivedManifests.localRealm());
        ObjectNode rendered = one("overlays/prod", "KeycloakRealmImport", "cds-realm");
        assertThat(rendered.at("/spec/keycloakCRName").asText()).isEqualTo(name(one("overlays/prod", "Keycloak", "cds-keycloak")));
    }

    @Test
    @EnabledIfSystemProperty(named = "k8s.write", matches = "true")
    void regenerateDerivedManifests() {
        DerivedManifests.writeAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void eachKafkaUserMayTouchOnlyItsOwnTopics(String target) {
        Set<String> catalogue = Stream.of(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
        Set<String> allTopics = new TreeSet<>(catalogue);
        Stream.of(InternalTopic.values()).forEach(t -> allTopics.add(t.topicName()));
        Set<String> gridx = catalogue.stream().filter(t -> t.startsWith("gridx.")).collect(Collectors.toSet());
        Set<String> ingestWrites = new TreeSet<>(gridx);
        ingestWrites.add(InternalTopic.INGEST_CHECKPOINTS.topicName());
        Map<String, Set<String>> mayWrite = Map.of(
                "ingest-service", ingestWrites, "auth-service", Set.of(Topic.GRANTS.topicName()));
        for (String service : SERVICES) {
            ObjectNode user = one(target, "KafkaUser", service);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            Acls acls = Acls.of(user, allTopics);
            ServiceKafka uses = ServiceKafka.of(service);

            Set<String> written = new TreeSet<>(uses.outgoing());
            if ("ingest-service".equals(service)) {
                written.addAll(gridx); // ingest publishes with its own producers, not through channels
            }
            // an internal topic: its owner reads and writes it, nobody else touches it
            for (InternalTopic internal : InternalTopic.values()) {
                boolean owner = internal.owner().equals(service);
                if (owner) {
                    written.add(internal.topicName());
                }
                assertThat(acls.reads().contains(internal.topicName())).as("%s reads %s", service, internal.topicName())
                        .isEqualTo(owner);
            }
            assertThat(acls.writes()).as("%s may write", service).containsAll(written)
                    .isEqualTo(mayWrite.getOrDefault(service, Set.of()));

            assertThat(acls.reads()).as("%s may read", service).containsAll(uses.incoming());
            if (!uses.incoming().isEmpty()) {
                assertThat(acls.reads()).as("%s reads exactly its channels' topics", service)
                        .isEqualTo(uses.incoming());
            }
            if ("ingest-service".equals(service)) {
                assertThat(acls.reads()).isEqualTo(Set.of(InternalTopic.INGEST_CHECKPOINTS.topicName()));
            }
            if ("api-gateway".equals(service)) {
                assertThat(acls.reads()).isEqualTo(Set.of(Topic.GRANTS.topicName()));
            }
            uses.groupId().ifPresent(group -> assertThat(acls.groupAllowed(group))
                    .as("%s may use its consumer group %s", service, group).isTrue());
        }
    }

    // ---- the services ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceIsProbedSizedAndConfigured(String target) {
        for (String service : SERVICES) {
            ObjectNode deployment = one(target, "Deployment", service);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.path("containers").get(0);
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/resources/requests/cpu").isMissingNode()).as("%s cpu request", service).isFalse();
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as("%s memory request", service).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as("%s memory limit", service).isFalse();

            Map<String, String> env = environment(target, container);
            assertThat(env.get("JAVA_TOOL_OPTIONS")).as("%s heap from the limit", service).contains("-XX:MaxRAMPercentage=");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).startsWith(DerivedManifests.KAFKA_CLUSTER + "-kafka-bootstrap:");
            assertThat(env).containsKey("KAFKA_SASL_JAAS_CONFIG");
            assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")).as("%s exports traces", service)
                    .matches("https?://[^/]+:\\d+");
            assertThat(new java.math.BigDecimal(env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"))).as("%s sampling ratio", service)
                    .isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
            if (DATABASE_OF.containsKey(service)) {
                String db = DATABASE_OF.get(service);
                assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(db);
                assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("/" + db + "?");
                assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).endsWith("/" + db);
                assertThat(env).containsKey("QUARKUS_DATASOURCE_PASSWORD");
            }
            if ("auth-service".equals(service)) {
                // receipt e-mails through the utility's SMTP relay; the relay password only from the Secret
                assertThat(env.get("CDS_AUTH_RECEIPT_MAIL")).isEqualTo("smtp");
                assertThat(env.get("QUARKUS_MAILER_HOST")).isNotBlank();
                assertThat(env.get("QUARKUS_MAILER_FROM")).isNotBlank();
                assertThat(env.get("QUARKUS_MAILER_START_TLS")).isEqualTo("REQUIRED");
                assertThat(env).as("the relay password never in a ConfigMap").doesNotContainKey("QUARKUS_MAILER_PASSWORD");
            }
            if ("ingest-service".equals(service)) {
                assertThat(env.get("CDS_INGEST_KAFKA_INSTANCE_ID"))
                        .as("transactional ids unique per pod, so two pods never fence each other")
                        .isEqualTo("field:metadata.name");
                assertThat(env).as("HOSTNAME is the pod's own").doesNotContainKey("HOSTNAME");
            }
            List<String> envFrom = new ArrayList<>();
            container.path("envFrom").forEach(e -> envFrom.add(e.has("configMapRef")
                    ? "cm:" + e.at("/configMapRef/name").asText() : "secret:" + e.at("/secretRef/name").asText()));
            assertThat(envFrom).as("%s: a ConfigMap and a Secret of its own", service)
                    .anyMatch(s -> s.startsWith("cm:" + service + "-config"))
                    .contains("secret:" + service + "-secrets");
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyReferencedConfigMapExistsAndEverySecretIsCreatedByAnOperatorOrDocumented(String target) {
        Set<String> configMaps = ofKind(target, "ConfigMap").stream().map(K8sManifestsTest::name).collect(Collectors.toSet());
        String doc = Files.exists(Repo.OPERATIONS_DOC) ? Kustomize.read(Repo.OPERATIONS_DOC) : "";
        for (ObjectNode object : rendered(target)) {
            References refs = References.of(object);
            assertThat(configMaps).as("ConfigMaps referenced by %s", name(object)).containsAll(refs.configMaps);
            for (String secret : refs.secrets) {
                if (!OPERATOR_SECRETS.contains(secret)) {
                    assertThat(doc).as("docs/operations.md tells how to create Secret %s (used by %s)", secret, name(object))
                            .contains("kubectl create secret")
                            .containsPattern("create secret [a-z-]+ " + secret + "\\b");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyPodVolumeHasExactlyOneSource(String target) {
        for (ObjectNode deployment : ofKind(target, "Deployment")) {
            for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
                List<String> sources = new ArrayList<>();
                volume.fieldNames().forEachRemaining(f -> {
                    if (!"name".equals(f)) {
                        sources.add(f);
                    }
                });
                assertThat(sources).as("sources of volume %s in %s", volume.path("name").asText(), name(deployment))
                        .hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void billingAndUsageAcceptTrafficOnlyFromTheGatewayAndTheScraper(String target) {
        for (String service : List.of("billing-service", "usage-service")) {
            List<ObjectNode> policies = ofKind(target, "NetworkPolicy").stream()
                    .filter(p -> service.equals(p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()))
                    .toList();
            assertThat(policies).as("policies selecting %s", service).hasSize(1);
            JsonNode spec = policies.get(0).get("spec");
            assertThat(spec.path("policyTypes").toString()).contains("Ingress");
            Set<String> peers = new TreeSet<>();
            for (JsonNode rule : spec.path("ingress")) {
                assertThat(rule.path("from").size()).as("every rule names its peers").isPositive();
                for (JsonNode port : rule.path("ports")) {
                    assertThat(port.path("port").asText()).isEqualTo("http");
                }
                for (JsonNode peer : rule.path("from")) {
                    assertThat(peer.has("ipBlock")).isFalse();
                    if (peer.has("namespaceSelector")) {
                        assertThat(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                                .isEqualTo("monitoring");
                        assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("prometheus");
                        peers.add("prometheus");
                    } else {
                        assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("api-gateway");
                        peers.add("api-gateway");
                    }
                }
            }
            assertThat(peers).containsExactly("api-gateway", "prometheus");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void ingressServesTheGatewayAndKeycloaksPublicPathsOverTls(String target) {
        ObjectNode ingress = one(target, "Ingress", "cds");
        String host = ingress.at("/spec/rules/0/host").asText();
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo(host);
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isNotBlank();
        Map<String, String> backends = new TreeMap<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            backends.put(path.path("path").asText(), path.at("/backend/service/name").asText());
        }
        assertThat(backends).containsEntry("/", "api-gateway")
                .containsEntry("/auth/realms/", "cds-keycloak-service")
                .containsEntry("/auth/resources/", "cds-keycloak-service");
        assertThat(backends.keySet()).noneMatch(p -> p.startsWith("/auth/admin"));

        // One host everywhere: Keycloak's issuer and every public base URL.
        assertThat(one(target, "Keycloak", "cds-keycloak").at("/spec/hostname/hostname").asText())
                .isEqualTo("https://" + host + "/auth");
        for (String service : List.of("billing-service", "usage-service", "auth-service")) {
            Map<String, String> env = environment(target, one(target, "Deployment", service).at("/spec/template/spec/containers/0"));
            assertThat(env.entrySet().stream().filter(e -> e.getKey().endsWith("PUBLIC_BASE_URL")).map(Map.Entry::getValue))
                    .as("public base URL of %s", service).containsExactly("https://" + host);
        }
        Map<String, String> auth = environment(target, one(target, "Deployment", "auth-service").at("/spec/template/spec/containers/0"));
        assertThat(auth.get("CDS_KEYCLOAK_PUBLIC_URL")).isEqualTo("https://" + host + "/auth");
    }

    /**
     * The images the Deployments run are the ones the Maven build makes: every service carries the Jib extension and
     * the parent pom names the image group, so {@code -Dquarkus.container-image.build=true} yields
     * {@code <group>/<service>:<project version>} (docs/operations.md, step 3); dev runs that version as is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyDeploymentRunsTheImageTheBuildMakes(String target) throws IOException {
        String parentPom = Files.readString(Repo.ROOT.resolve("pom.xml"));
        String group = pomValue(parentPom, "quarkus.container-image.group");
        String version = pomValue(parentPom, "version");
        for (String service : SERVICES) {
            assertThat(Files.readString(Repo.ROOT.resolve(service).resolve("pom.xml")))
                    .as("%s builds its image with Jib", service).contains("<artifactId>quarkus-container-image-jib</artifactId>");
            String image = one(target, "Deployment", service).at("/spec/template/spec/containers/0/image").asText();
            assertThat(image).as("%s image", service).startsWith(group + "/" + service + ":");
            if (target.equals("overlays/dev")) {
                assertThat(image).isEqualTo(group + "/" + service + ":" + version);
            }
        }
    }

    /** The first {@code <name>value</name>} of a pom (the project's own version precedes any dependency's). */
    private static String pomValue(String pom, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<" + java.util.regex.Pattern.quote(name) + ">([^<]+)</").matcher(pom.replaceFirst("(?s)<parent>.*?</parent>", ""));
        assertThat(m.find()).as("pom.xml has <%s>", name).isTrue();
        return m.group(1).trim();
    }

    @Test
    void devRunsOneOfEverything() {
        String dev = "overlays/dev";
        for (ObjectNode deployment : ofKind(dev, "Deployment")) {
            assertThat(deployment.at("/spec/replicas").asInt(1)).as(name(deployment)).isEqualTo(1);
        }
        assertThat(ofKind(dev, "HorizontalPodAutoscaler")).isEmpty();
        for (ObjectNode pool : ofKind(dev, "KafkaNodePool")) {
            assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(1);
        }
        assertThat(one(dev, "Cluster", "cds-postgres").at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(one(dev, "Keycloak", "cds-keycloak").at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(one(dev, "Kafka", "cds-kafka").at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(1);
    }

    @Test
    void prodIsHighlyAvailable() {
        String prod = "overlays/prod";
        Map<String, Integer> minReplicas = new HashMap<>();
        for (ObjectNode hpa : ofKind(prod, "HorizontalPodAutoscaler")) {
            minReplicas.put(hpa.at("/spec/scaleTargetRef/name").asText(), hpa.at("/spec/minReplicas").asInt());
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(hpa.at("/spec/minReplicas").asInt());
        }
        assertThat(minReplicas.keySet()).containsExactlyInAnyOrder("api-gateway", "usage-service");
        assertThat(minReplicas.get("usage-service")).isGreaterThanOrEqualTo(2);
        assertThat(one(prod, "HorizontalPodAutoscaler", "usage-service").at("/spec/maxReplicas").asInt())
                .as("usage consumers beyond the partitions of gridx.intervals.v1 would idle")
                .isLessThanOrEqualTo(Topic.INTERVALS.defaultPartitions());
        for (String service : SERVICES) {
            ObjectNode deployment = one(prod, "Deployment", service);
            int replicas = minReplicas.getOrDefault(service, deployment.at("/spec/replicas").asInt(1));
            if ("ingest-service".equals(service)) {
                assertThat(replicas).as("ingest claims inbox files: one instance").isEqualTo(1);
                assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
                assertThat(deployment.at("/spec/template/spec/volumes").toString()).contains("ingest-inbox");
            } else {
                assertThat(replicas).as("replicas of %s", service).isGreaterThanOrEqualTo(2);
            }
        }
        for (ObjectNode pool : ofKind(prod, "KafkaNodePool")) {
            assertThat(pool.at("/spec/replicas").asInt()).as(name(pool)).isGreaterThanOrEqualTo(3);
        }
        JsonNode kafkaConfig = one(prod, "Kafka", "cds-kafka").at("/spec/kafka/config");
        assertThat(kafkaConfig.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafkaConfig.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafkaConfig.path("transaction.state.log.replication.factor").asInt()).isEqualTo(3);
        assertThat(one(prod, "Cluster", "cds-postgres").at("/spec/instances").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(one(prod, "Cluster", "cds-postgres").at("/spec/plugins/0/name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat(ofKind(prod, "ScheduledBackup")).hasSize(1);
        assertThat(one(prod, "Keycloak", "cds-keycloak").at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceHasADisruptionBudget(String target) {
        for (String service : SERVICES) {
            ObjectNode pdb = one(target, "PodDisruptionBudget", service);
            assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(one(target, "Deployment", service).at("/spec/selector/matchLabels"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceDatabaseHasARoleAndEveryRoleItsSecret(String target) {
        ObjectNode cluster = one(target, "Cluster", "cds-postgres");
        Map<String, String> roleSecrets = new TreeMap<>();
        cluster.at("/spec/managed/roles").forEach(r -> roleSecrets.put(r.path("name").asText(), r.at("/passwordSecret/name").asText()));
        roleSecrets.put(cluster.at("/spec/bootstrap/initdb/owner").asText(), cluster.at("/spec/bootstrap/initdb/secret/name").asText());
        Map<String, String> databases = new TreeMap<>();
        ofKind(target, "Database").forEach(d -> databases.put(d.at("/spec/name").asText(), d.at("/spec/owner").asText()));
        databases.put(cluster.at("/spec/bootstrap/initdb/database").asText(), cluster.at("/spec/bootstrap/initdb/owner").asText());
        assertThat(databases).containsOnlyKeys("ingest", "billing", "usage", "auth", "keycloak");
        databases.forEach((db, owner) -> {
            assertThat(owner).isEqualTo(db);
            assertThat(roleSecrets.get(owner)).isEqualTo("cds-db-" + owner);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void monitoringCoversServicesAndAlertsOnTheIssuesSignals(String target) {
        ObjectNode monitor = one(target, "ServiceMonitor", "cds-services");
        JsonNode selector = monitor.at("/spec/selector/matchLabels");
        for (String service : SERVICES) {
            JsonNode labels = one(target, "Service", service).at("/metadata/labels");
            selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                    .as("%s carries the ServiceMonitor's label %s", service, e.getKey()).isEqualTo(e.getValue().asText()));
        }
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        Set<String> alerts = new TreeSet<>();
        for (ObjectNode rule : ofKind(target, "PrometheusRule")) {
            rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        }
        assertThat(alerts).contains("CdsIngestFileFailed", "CdsIngestDigestMismatch", "CdsIngestKafkaRetries",
                "CdsConsumerLagHigh", "CdsHttp5xxRateHigh");
        ObjectNode dashboard = one(target, "ConfigMap", "cds-grafana-dashboard");
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A container's environment: its envFrom ConfigMaps' data, then its env entries (values or "secret:name/key"). */
    static Map<String, String> environment(String target, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                one(target, "ConfigMap", from.at("/configMapRef/name").asText()).path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            } else if (e.at("/valueFrom/fieldRef").isObject()) {
                env.put(e.path("name").asText(), "field:" + e.at("/valueFrom/fieldRef/fieldPath").asText());
            } else {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                env.put(e.path("name").asText(), "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        return env;
    }

    /**
     * What a service's application.properties says it consumes and produces (default profile only): its messaging
     * channels' topics, and as consumed also any other {@code *.topic} key (the topic of a plain Kafka consumer).
     */
    record ServiceKafka(Set<String> incoming, Set<String> outgoing, Optional<String> groupId) {

        static ServiceKafka of(String service) {
            Properties props = new Properties();
            Path file = Repo.serviceProperties(service);
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    props.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Set<String> incoming = new TreeSet<>();
            Set<String> outgoing = new TreeSet<>();
            String group = null;
            for (String key : props.stringPropertyNames()) {
                String value = props.getProperty(key).trim();
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    incoming.add(value);
                } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                    outgoing.add(value);
                } else if (!key.startsWith("%") && !key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    incoming.add(value); // a plain consumer's topic (usage-service: usage.intervals.topic)
                } else if (key.equals("kafka.group.id") || key.equals("mp.messaging.connector.smallrye-kafka.group.id")) {
                    group = value;
                }
            }
            return new ServiceKafka(incoming, outgoing, Optional.ofNullable(group));
        }
    }

    /** A KafkaUser's ACLs, with prefix patterns expanded over the catalogue's topics. */
    record Acls(Set<String> reads, Set<String> writes, List<JsonNode> groups) {

        static Acls of(ObjectNode user, Set<String> topics) {
            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            List<JsonNode> groups = new ArrayList<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode resource = acl.path("resource");
                Set<String> ops = new LinkedHashSet<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
                assertThat(ops).doesNotContain("All", "Alter", "Delete", "Create", "AlterConfigs");
                switch (resource.path("type").asText()) {
                    case "topic" -> {
                        String pattern = resource.path("name").asText();
                        boolean prefix = "prefix".equals(resource.path("patternType").asText("literal"));
                        Set<String> matched = topics.stream()
                                .filter(t -> prefix ? t.startsWith(pattern) : t.equals(pattern))
                                .collect(Collectors.toCollection(TreeSet::new));
                        assertThat(matched).as("ACL on %s of %s names catalogue topics", pattern, name(user)).isNotEmpty();
                        if (ops.contains("Read")) {
                            reads.addAll(matched);
                        }
                        if (ops.contains("Write")) {
                            writes.addAll(matched);
                        }
                    }
                    case "group" -> groups.add(resource);
                    case "transactionalId" -> assertThat(ops).containsOnly("Write", "Describe");
                    default -> throw new AssertionError("unexpected ACL resource " + resource);
                }
            }
            return new Acls(reads, writes, groups);
        }

        boolean groupAllowed(String group) {
            return groups.stream().anyMatch(g -> "prefix".equals(g.path("patternType").asText("literal"))
                    ? group.startsWith(g.path("name").asText()) : group.equals(g.path("name").asText()));
        }
    }

    /** The ConfigMaps and Secrets an object refers to, wherever in its spec. */
    static final class References {
        final Set<String> configMaps = new TreeSet<>();
        final Set<String> secrets = new TreeSet<>();

        static References of(JsonNode object) {
            References refs = new References();
            refs.walk(null, object);
            return refs;
        }

        private void walk(String key, JsonNode node) {
            if (node.isObject()) {
                if (key != null) {
                    switch (key) {
                        case "configMapRef", "configMapKeyRef" -> configMaps.add(node.path("name").asText());
                        case "configMap" -> configMaps.add(node.path("name").asText());
                        case "secretRef", "secretKeyRef", "passwordSecret", "usernameSecret", "secret",
                             "accessKeyId", "secretAccessKey" -> {
                            if (node.has("secretName")) {
                                secrets.add(node.path("secretName").asText());
                            } else if (node.has("name")) {
                                secrets.add(node.path("name").asText());
                            }
                        }
                        default -> { }
                    }
                }
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if ("secretName".equals(field.getKey()) && field.getValue().isTextual()) {
                        secrets.add(field.getValue().asText());
                    } else if ("secret".equals(field.getKey()) && field.getValue().isTextual()) {
                        secrets.add(field.getValue().asText()); // Keycloak bootstrapAdmin.user.secret
                    }
                    walk(field.getKey(), field.getValue());
                }
            } else if (node instanceof ArrayNode array) {
                array.forEach(item -> walk(key, item));
            }
        }
    }
}
