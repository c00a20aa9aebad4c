package org.lfenergy.cds.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository, from the build's {@code cds.repo.root} or relative to this module. */
final class Repo {

    static final Path ROOT = root();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path SCHEMAS = K8S.resolve("schemas");
    static final Path REALM_JSON = ROOT.resolve("deploy/local/keycloak/cds-realm.json");
    static final Path TOPICS_YAML = K8S.resolve("base/kafka/topics.yaml");
    static final Path REALM_IMPORT_YAML = K8S.resolve("base/keycloak/realm-import.yaml");
    static final Path OPERATIONS_DOC = ROOT.resolve("docs/operations.md");

    private Repo() {
    }

    static Path serviceProperties(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    private static Path root() {
        String configured = System.getProperty("cds.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "deploy/k8s"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // Surefire runs in the module directory, deploy/k8s.
        return Path.of("").toAbsolutePath().resolve("../..").normalize();
    }
}
