package org.lfenergy.cds.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code cds.ingest.*} property is part of the {@link IngestConfig} mapping, so it may come from a system
 * property or a properties file: Quarkus refuses names in a mapping's namespace that the mapping does not know
 * (SRCFG00050), which is what {@code -Dcds.ingest.kafka.instance-id=...} ran into while it was a loose
 * {@code @ConfigProperty}.
 */
class IngestConfigTest {

    /** Config as Quarkus builds it: the mapping validated against unknown names, values from system properties. */
    private static IngestConfig fromSystemProperties(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withValidateUnknown(true)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(Path.class, 100, Path::of)
                .withSources(new PropertiesConfigSource(properties, "SysPropConfigSource", 400))
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }

    static Stream<Arguments> properties() {
        return Stream.of(
                Arguments.of("cds.ingest.kafka.instance-id", "ingest-service-7f9c-abcde",
                        (Function<IngestConfig, Object>) c -> c.kafka().instanceId().orElseThrow()),
                Arguments.of("cds.ingest.kafka.transactional-id-prefix", "cds-ingest",
                        (Function<IngestConfig, Object>) c -> c.kafka().transactionalIdPrefix()),
                Arguments.of("cds.ingest.kafka.batch-size", "65536", (Function<IngestConfig, Object>) c -> c.kafka().batchSize()),
                Arguments.of("cds.ingest.kafka.linger-ms", "25", (Function<IngestConfig, Object>) c -> c.kafka().lingerMs()),
                Arguments.of("cds.ingest.kafka.compression", "zstd", (Function<IngestConfig, Object>) c -> c.kafka().compression()),
                Arguments.of("cds.ingest.kafka.transaction-timeout", "2m",
                        (Function<IngestConfig, Object>) c -> c.kafka().transactionTimeout()),
                Arguments.of("cds.ingest.kafka.retry.max-attempts", "3",
                        (Function<IngestConfig, Object>) c -> c.kafka().retry().maxAttempts()),
                Arguments.of("cds.ingest.kafka.retry.initial-backoff", "250ms",
                        (Function<IngestConfig, Object>) c -> c.kafka().retry().initialBackoff()),
                Arguments.of("cds.ingest.kafka.retry.max-backoff", "1m",
                        (Function<IngestConfig, Object>) c -> c.kafka().retry().maxBackoff()),
                Arguments.of("cds.ingest.provision-topics", "false", (Function<IngestConfig, Object>) IngestConfig::provisionTopics),
                Arguments.of("cds.ingest.topic-replication-factor", "3",
                        (Function<IngestConfig, Object>) IngestConfig::topicReplicationFactor),
                Arguments.of("cds.ingest.validation.usage-window-hours", "1000",
                        (Function<IngestConfig, Object>) c -> c.validation().usageWindowHours()),
                Arguments.of("cds.ingest.validation.usage-window-registers", "2000",
                        (Function<IngestConfig, Object>) c -> c.validation().usageWindowRegisters()),
                Arguments.of("cds.ingest.chunk-rows", "1000", (Function<IngestConfig, Object>) IngestConfig::chunkRows),
                Arguments.of("cds.ingest.resume-interval", "30s",
                        (Function<IngestConfig, Object>) IngestConfig::resumeInterval));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("properties")
    void everyIngestPropertyCanBeSetAsASystemProperty(String name, String value, Function<IngestConfig, Object> read) {
        Object expected = switch (name) {
            case "cds.ingest.kafka.transaction-timeout" -> Duration.ofMinutes(2);
            case "cds.ingest.kafka.retry.initial-backoff" -> Duration.ofMillis(250);
            case "cds.ingest.kafka.retry.max-backoff" -> Duration.ofMinutes(1);
            case "cds.ingest.resume-interval" -> Duration.ofSeconds(30);
            case "cds.ingest.provision-topics" -> false;
            case "cds.ingest.topic-replication-factor" -> (short) 3;
            case "cds.ingest.kafka.instance-id", "cds.ingest.kafka.transactional-id-prefix", "cds.ingest.kafka.compression" -> value;
            default -> Integer.parseInt(value);
        };
        assertThat(read.apply(fromSystemProperties(Map.of(name, value)))).isEqualTo(expected);
    }

    @Test
    void defaultsNeedNoProperty() {
        IngestConfig config = fromSystemProperties(Map.of());
        assertThat(config.kafka().instanceId()).isEmpty();
        assertThat(config.kafka().transactionalIdPrefix()).isEqualTo("ingest");
        assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.kafka().retry().maxAttempts()).isEqualTo(8);
        assertThat(config.kafka().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.kafka().retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.provisionTopics()).isTrue();
        assertThat(config.chunkRows()).isEqualTo(50_000);
        assertThat(config.resumeInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMisspeltIngestPropertyStopsTheStartNamingIt() {
        assertThatThrownBy(() -> fromSystemProperties(Map.of("cds.ingest.kafka.instance", "x")))
                .hasStackTraceContaining("SRCFG00050").hasStackTraceContaining("cds.ingest.kafka.instance");
    }
}
