package org.lfenergy.cds.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void readsOnlyKeyValueLinesOfTheStackEnvOutput() {
        var env = LocalStack.parseEnv("""
                [stack] PostgreSQL already running
                CDS_KAFKA_BOOTSTRAP=127.0.0.1:9092
                CDS_DB_PASSWORD=a=b
                not a setting
                """);
        assertThat(env).containsExactly(
                java.util.Map.entry("CDS_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                java.util.Map.entry("CDS_DB_PASSWORD", "a=b"));
    }

    @Test
    void findsTheRepositoryRootHoldingTheStackScript() {
        assertThat(LocalStack.repositoryRoot().resolve("deploy/local/stack")).isRegularFile();
    }

    @Test
    void testInfraModeDefaultsToLocalAndRejectsUnknownValues() {
        assertThat(TestInfraMode.parse(null)).isEqualTo(TestInfraMode.LOCAL);
        assertThat(TestInfraMode.parse(" DevServices ")).isEqualTo(TestInfraMode.DEVSERVICES);
        assertThatThrownBy(() -> TestInfraMode.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docker");
    }
}
