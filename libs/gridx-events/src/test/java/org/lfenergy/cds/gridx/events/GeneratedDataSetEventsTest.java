package org.lfenergy.cds.gridx.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.GridxDataSetGenerator;
import org.lfenergy.cds.gridx.generator.WrittenFile;

/** Every row of a generated data set becomes an event that its topic's published JSON Schema accepts. */
class GeneratedDataSetEventsTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final EventCodec CODEC = EventCodec.shared();
    private static final Map<Topic, JsonSchema> SCHEMAS = new HashMap<>();

    @TempDir
    static Path dir;
    static GenerationReport report;

    @BeforeAll
    static void generate() throws IOException {
        report = new GridxDataSetGenerator(GeneratorConfig.builder(dir).persons(3).days(40)
                .startDate(java.time.LocalDate.of(2024, 3, 1)).build()).generate();
    }

    private static JsonSchema schema(Topic topic) {
        return SCHEMAS.computeIfAbsent(topic, t -> {
            try (InputStream in = Topic.class.getClassLoader().getResourceAsStream(t.schemaResource())) {
                assertThat(in).as("schema resource %s", t.schemaResource()).isNotNull();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void everyGeneratedRowMapsToAnEventValidAgainstItsTopicSchema() throws IOException {
        Map<GridxFileType, Long> events = new EnumMap<>(GridxFileType.class);
        for (WrittenFile file : report.files()) {
            try (GridxFileReader reader = GridxFileReader.open(file.path(), ReaderOptions.forClientZone(ZONE))) {
                for (GridxRow row : reader) {
                    assertThat(row.findings()).as("%s line %d", file.fileName(), row.line()).isEmpty();
                    RowEvent<GridxPayload> event = GridxEvents.rowEvent("DEMO", "f-1", file.fileName(), row.line(),
                            row.record());
                    Topic topic = GridxEvents.topicOf(file.type());
                    JsonNode json = CODEC.mapper().readTree(CODEC.encode(event));
                    Set<ValidationMessage> errors = schema(topic).validate(json);
                    assertThat(errors).as("%s line %d on %s: %s", file.fileName(), row.line(), topic.topicName(), json)
                            .isEmpty();
                    assertThat(GridxEvents.keyOf("DEMO", row.record(), event.data())).isNotBlank();
                    events.merge(file.type(), 1L, Long::sum);
                }
            }
            assertThat(events.getOrDefault(file.type(), 0L)).as(file.fileName()).isEqualTo(file.dataRows());
        }
        assertThat(events.keySet()).containsAll(java.util.EnumSet.complementOf(
                java.util.EnumSet.of(GridxFileType.DAILYDIGEST)));
    }

    @Test
    void intervalEventsKeepTheLocalReadingTheOffsetAndTheUtcInstant() throws IOException {
        WrittenFile intervals = report.file(GridxFileType.INTERVAL);
        try (GridxFileReader reader = GridxFileReader.open(intervals.path(), ReaderOptions.forClientZone(ZONE))) {
            GridxRow first = reader.iterator().next();
            IntervalPayload payload = (IntervalPayload) GridxEvents.toPayload(first.record());
            assertThat(payload.datetimeOfInterval().toInstant()).isEqualTo(payload.datetimeOfIntervalUtc());
            assertThat(payload.datetimeOfInterval().getOffset())
                    .isEqualTo(ZONE.getRules().getOffset(payload.datetimeOfIntervalUtc()));
            RowEvent<IntervalPayload> back = CODEC.decodeRow(CODEC.encode(
                    GridxEvents.rowEvent("DEMO", "f-1", intervals.fileName(), first.line(), first.record())),
                    IntervalPayload.class);
            assertThat(back.data()).isEqualTo(payload);
            assertThat(back.data().usageValue().scale()).isEqualTo(payload.usageValue().scale());
        }
    }

    @Test
    void eachFileTypeHasItsOwnTopic() {
        Set<Topic> topics = new java.util.HashSet<>();
        for (GridxFileType type : GridxFileType.values()) {
            Topic topic = GridxEvents.topicOf(type);
            assertThat(topic.isRowTopic()).isTrue();
            assertThat(topic.sourceFileType()).contains(type.token());
            topics.add(topic);
        }
        assertThat(topics).hasSize(GridxFileType.values().length);
    }
}
