package org.lfenergy.cds.ingest.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkCheckpointTest {

    private static final String ID = "0b5f1c9e-6a2d-4c1b-9e0f-3d2a1b4c5d6e";
    private static final UUID FILE = UUID.fromString(ID);
    private static final String NAME = "GRIDX_DEMO_CUSTOMER_20261122010000.csv";

    @ParameterizedTest(name = "through line {0}")
    @CsvSource({"0", "1", "50001", "9223372036854775807"})
    void aCheckpointSurvivesEncodingAndDecodingUnchanged(long line) {
        ChunkCheckpoint checkpoint = new ChunkCheckpoint(FILE, NAME, line);

        ChunkCheckpoint decoded = ChunkCheckpoint.decode(checkpoint.key(), checkpoint.encode());

        assertThat(decoded).isEqualTo(checkpoint);
        assertThat(checkpoint.key()).isEqualTo(ID);
    }

    @Test
    void theValueIsTheDocumentedJson() {
        assertThat(new String(new ChunkCheckpoint(FILE, NAME, 50_001).encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME + "\",\"committed_through_line\":50001}");
    }

    @Test
    void unknownFieldsAreIgnoredSoALaterVersionCanAddSome() {
        String json = "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME + "\",\"committed_through_line\":7,"
                + "\"published_rows\":6}";
        assertThat(ChunkCheckpoint.decode(ID, json.getBytes(StandardCharsets.UTF_8)).committedThroughLine()).isEqualTo(7);
    }

    static Stream<Arguments> brokenRecords() {
        String ok = "\"file_name\":\"" + NAME + "\",\"committed_through_line\":7";
        return Stream.of(
                Arguments.of(ID, null, "no value (tombstone)"),
                Arguments.of(ID, "", "not a JSON object"),
                Arguments.of(ID, "{", "not JSON"),
                Arguments.of(ID, "not json", "not JSON"),
                Arguments.of(ID, "[1,2]", "not a JSON object"),
                Arguments.of(ID, "7", "not a JSON object"),
                Arguments.of(ID, "null", "not a JSON object"),
                Arguments.of(ID, "{" + ok + "}", "file_id missing or not a string"),
                Arguments.of(ID, "{\"file_id\":7," + ok + "}", "file_id missing or not a string"),
                Arguments.of(ID, "{\"file_id\":\"nope\"," + ok + "}", "file_id nope is not a UUID"),
                Arguments.of(ID, "{\"file_id\":\"1-1-1-1-1\"," + ok + "}", "file_id 1-1-1-1-1 is not a UUID"),
                Arguments.of("other", "{\"file_id\":\"" + ID + "\"," + ok + "}", "differs from the key"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"committed_through_line\":7}",
                        "file_name missing or not a string"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":3,\"committed_through_line\":7}",
                        "file_name missing or not a string"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\" \",\"committed_through_line\":7}",
                        "without file_name"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME + "\"}",
                        "committed_through_line null is not a whole number"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME
                        + "\",\"committed_through_line\":\"7\"}", "committed_through_line \"7\" is not a whole number"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME
                        + "\",\"committed_through_line\":7.5}", "committed_through_line 7.5 is not a whole number"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME
                        + "\",\"committed_through_line\":92233720368547758070}", "is not a whole number"),
                Arguments.of(ID, "{\"file_id\":\"" + ID + "\",\"file_name\":\"" + NAME
                        + "\",\"committed_through_line\":-1}", "committed_through_line -1 is negative"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("brokenRecords")
    void aBrokenRecordIsRefusedNamingTheKeyAndTheField(String key, String value, String message) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ChunkCheckpoint.decode(key, bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + (message.equals("without file_name")
                        || message.endsWith("is negative") ? "of " + ID : key))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "registry {0}, topic {1}: resume after {2}")
    @CsvSource({
            // no checkpoint on the topic (never started, or started before the topic existed): the registry decides
            "0, , 0",
            "41, , 41",
            // the registry lags: PostgreSQL failed between the chunk's commit and its checkpoint
            "0, 21, 21",
            "21, 41, 41",
            "21, 5001, 5001",
            // both agree (the normal resume after a restart)
            "41, 41, 41",
            // the registry ahead (a checkpoint compacted away or written before the topic existed): never go back
            "41, 21, 41",
            "5001, 0, 5001",
    })
    void aResumeContinuesAfterTheLaterOfTheRegistryAndTheTopicCheckpoint(long registry, Long topic, long expected) {
        Optional<ChunkCheckpoint> committed = Optional.ofNullable(topic).map(t -> new ChunkCheckpoint(FILE, NAME, t));

        assertThat(ChunkCheckpoint.resumeAfter(FILE, registry, committed)).isEqualTo(expected);
    }

    @Test
    void aCheckpointOfAnotherDeliveryIsNeverUsed() {
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> ChunkCheckpoint.resumeAfter(FILE, 3,
                Optional.of(new ChunkCheckpoint(other, NAME, 99))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint of " + other + " used for " + FILE);
    }

    @Test
    void aNegativeRegistryCheckpointIsRefused() {
        assertThatThrownBy(() -> ChunkCheckpoint.resumeAfter(FILE, -1, Optional.empty()))
                .hasMessage("registry checkpoint -1 of " + FILE + " is negative");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"null file id", "null name", "blank name", "negative line"})
    void anIncompleteCheckpointCannotBeBuilt(String what) {
        assertThatThrownBy(() -> {
            switch (what) {
                case "null file id" -> new ChunkCheckpoint(null, NAME, 1);
                case "null name" -> new ChunkCheckpoint(FILE, null, 1);
                case "blank name" -> new ChunkCheckpoint(FILE, "", 1);
                default -> new ChunkCheckpoint(FILE, NAME, -5);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }
}
