package org.lfenergy.cds.ingest.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkRetriesTest {

    @ParameterizedTest(name = "initial {0} ms, max {1} ms, failure {2}: wait {3} ms")
    @CsvSource({
            "1000, 30000, 0, 0",
            "1000, 30000, 1, 1000",
            "1000, 30000, 2, 2000",
            "1000, 30000, 3, 4000",
            "1000, 30000, 5, 16000",
            "1000, 30000, 6, 30000",
            "1000, 30000, 7, 30000",
            "1000, 30000, 64, 30000",
            "1000, 30000, 2147483647, 30000",
            "50, 200, 1, 50",
            "50, 200, 3, 200",
            "0, 30000, 10, 0",
            "500, 100, 1, 100",
            "1, 9223372036854775807, 63, 4611686018427387904",
            "3, 9223372036854775807, 63, 9223372036854775807",
    })
    void waitsExponentiallyLongerPerFailureUpToTheCap(long initial, long max, int failures, long expected) {
        assertThat(ChunkRetries.backoff(Duration.ofMillis(initial), Duration.ofMillis(max), failures))
                .isEqualTo(Duration.ofMillis(expected));
    }

    @Test
    void allowsMaxAttemptsPerChunkIncludingTheFirst() {
        ChunkRetries retries = new ChunkRetries(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(retries.anotherAttempt(2)).isTrue();
        assertThat(retries.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.anotherAttempt(2)).isTrue();
        assertThat(retries.backoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(retries.anotherAttempt(2)).as("third failure of a 3-attempt budget").isFalse();
        assertThat(retries.failures()).isEqualTo(3);
    }

    @Test
    void aChunkThatWasCommittedGivesTheNextOneAFreshBudget() {
        ChunkRetries retries = new ChunkRetries(2, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(retries.anotherAttempt(2)).isTrue();
        assertThat(retries.anotherAttempt(50_002)).as("next chunk, first failure").isTrue();
        assertThat(retries.failures()).isEqualTo(1);
        assertThat(retries.backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(retries.anotherAttempt(50_002)).isFalse();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new ChunkRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).anotherAttempt(2)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0, 1000, 1000, max-attempts must be at least 1, got 0",
            "-3, 1000, 1000, max-attempts must be at least 1, got -3",
            "3, -1, 1000, initial-backoff=PT-0.001S",
            "3, 1000, -5, max-backoff=PT-0.005S"})
    void refusesANonsensicalPolicyNamingTheProperty(int attempts, long initial, long max, String message) {
        assertThatThrownBy(() -> new ChunkRetries(attempts, Duration.ofMillis(initial), Duration.ofMillis(max)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cds.ingest.kafka.retry")
                .hasMessageContaining(message);
    }
}
