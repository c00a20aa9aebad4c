package org.lfenergy.cds.e2e.drills;

import java.nio.file.Path;
import java.util.Map;
import org.lfenergy.cds.testing.LocalStack;

/**
 * The drills' private PostgreSQL, Kafka and Keycloak: {@code deploy/local/stack up infra} under
 * {@code <repository>/.local/drills} (or {@code -Dcds.drills.home}) on ports of their own (PostgreSQL 5633, Kafka
 * 9292/9293, Keycloak 8380/9380), so crashing them never disturbs the servers other runs share. The home persists
 * between runs (cluster, broker storage and realm are created once); the servers are stopped after the drill class
 * unless {@code -Dcds.drills.keep-infra=true} (faster repeated runs while developing a drill).
 */
final class DrillStack {

    static final Map<String, String> PORTS = Map.of(
            "CDS_PG_PORT", "5633",
            "CDS_KAFKA_PORT", "9292",
            "CDS_KAFKA_CONTROLLER_PORT", "9293",
            "CDS_KEYCLOAK_PORT", "8380",
            "CDS_KEYCLOAK_MANAGEMENT_PORT", "9380");

    private DrillStack() {
    }

    static LocalStack infrastructure() {
        String configured = System.getProperty("cds.drills.home");
        Path home = configured != null && !configured.isBlank() ? Path.of(configured)
                : repositoryRoot().resolve(".local/drills");
        long t0 = System.nanoTime();
        LocalStack infra = LocalStack.privateInfrastructure(home, PORTS);
        System.out.printf("[drills] private PostgreSQL, Kafka and Keycloak under %s up in %d s%n", home,
                (System.nanoTime() - t0) / 1_000_000_000L);
        return infra;
    }

    static void stop(LocalStack infra) {
        if (infra != null && !Boolean.getBoolean("cds.drills.keep-infra")) {
            infra.stopPrivateInfrastructure();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.isRegularFile(dir.resolve("deploy/local/stack"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found");
        }
        return dir;
    }
}
