package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopicSchemaTest {

    private final EventCodec codec = EventCodec.shared();

    static Object sample(Topic topic) {
        return switch (topic) {
            case FILES -> Samples.fileCompleted();
            case REJECTS -> Samples.reject();
            case GRANTS -> Samples.grant();
            default -> Samples.rowEvents().get(topic);
        };
    }

    private JsonNode encoded(Topic topic) {
        return TopicSchemas.tree(codec.encode(sample(topic)));
    }

    /** The object in which a row topic keeps its typed columns, or the value itself for other topics. */
    private static ObjectNode body(Topic topic, JsonNode value) {
        return (ObjectNode) (topic.isRowTopic() ? value.get("data") : value);
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void schemaIsAValidDraft202012Schema(Topic topic) {
        var meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(TopicSchemas.schemaTree(topic))).isEmpty();
        assertThat(TopicSchemas.schemaTree(topic).get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void encodedSampleValidatesAgainstItsTopicSchema(Topic topic) {
        assertThat(TopicSchemas.validate(topic, encoded(topic))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void sampleWithARequiredFieldMissingDoesNotValidate(Topic topic) {
        ObjectNode value = (ObjectNode) encoded(topic);
        ObjectNode body = body(topic, value);
        String first = body.fieldNames().next();
        body.remove(first);
        assertThat(TopicSchemas.validate(topic, value)).as("without %s", first).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyDecimalWrittenAsAJsonFloatDoesNotValidate(Topic topic) {
        List<String> decimals = fieldsOfType(topic, "decimal");
        if (!topic.isRowTopic()) {
            assertThat(decimals).isEmpty(); // only GridX rows carry decimals
            return;
        }
        assertThat(decimals).allMatch(f -> !f.contains("."));
        for (String field : decimals) {
            ObjectNode value = (ObjectNode) encoded(topic);
            ObjectNode body = body(topic, value);
            if (body.get(field).isNull()) {
                continue;
            }
            body.put(field, Double.parseDouble(body.get(field).asText()) + 0.1);
            assertThat(TopicSchemas.validate(topic, value)).as("%s as a float", field).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void badDatesAndDateTimesDoNotValidate(Topic topic) {
        int checked = 0;
        for (String bad : new String[] {"20240315", "2024-02-30", "2024-03-15T00:00:00", "15/03/2024", "2024-3-5"}) {
            for (String field : fieldsOfType(topic, "date", "date_time", "utc_instant")) {
                ObjectNode value = (ObjectNode) encoded(topic);
                ObjectNode holder = holderOf(topic, value, field);
                if (holder == null || holder.get(leaf(field)).isNull()) {
                    continue;
                }
                holder.put(leaf(field), bad);
                assertThat(TopicSchemas.validate(topic, value)).as("%s = %s", field, bad).isNotEmpty();
                checked++;
            }
        }
        if (topic != Topic.DIGESTS) { // digest rows carry no date
            assertThat(checked).isPositive();
        }
    }

    @Test
    void decimalAsExactJsonStringWithExponentDoesNotValidate() {
        ObjectNode value = (ObjectNode) encoded(Topic.BILLS);
        ((ObjectNode) value.get("data")).put("total_bill_amount", "1.875E2");
        assertThat(TopicSchemas.validate(Topic.BILLS, value)).isNotEmpty();
    }

    @Test
    void unknownFileStatusAndSeverityDoNotValidate() {
        ObjectNode file = (ObjectNode) encoded(Topic.FILES);
        file.put("status", "archived");
        assertThat(TopicSchemas.validate(Topic.FILES, file)).isNotEmpty();
        ObjectNode reject = (ObjectNode) encoded(Topic.REJECTS);
        reject.put("severity", "fatal");
        assertThat(TopicSchemas.validate(Topic.REJECTS, reject)).isNotEmpty();
    }

    @Test
    void grantWithAnUnknownIncludeFieldDoesNotValidate() {
        ObjectNode grant = (ObjectNode) encoded(Topic.GRANTS);
        ((ArrayNode) grant.get("scopes").get(0).get("include")).add("include_everything");
        assertThat(TopicSchemas.validate(Topic.GRANTS, grant)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void schemaPropertiesAreExactlyTheFieldsTheCodecWrites(Topic topic) {
        JsonNode schema = TopicSchemas.schemaTree(topic);
        List<String> problems = new ArrayList<>();
        compare(schema, schema, encoded(topic), "$", problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyPropertyIsDescribedForDataTeams(Topic topic) {
        JsonNode schema = TopicSchemas.schemaTree(topic);
        List<String> undescribed = new ArrayList<>();
        assertThat(schema.path("description").asText()).isNotBlank();
        walkProperties(schema, schema, "$", (path, node) -> {
            JsonNode target = node.has("$ref") ? resolve(schema, node) : node;
            if (!node.has("description") && !target.has("description")) {
                undescribed.add(path);
            }
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyTopicHasASchemaResourceAndNoOtherSchemaExists() throws Exception {
        var dir = java.nio.file.Path.of(getClass().getClassLoader().getResource("schemas").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(p -> "schemas/" + p.getFileName()).sorted())
                    .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Topic.values())
                            .map(Topic::schemaResource).toList());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Dotted paths (relative to the body) of properties whose schema is (nullable) $defs/<type>. */
    private static List<String> fieldsOfType(Topic topic, String... types) {
        JsonNode schema = TopicSchemas.schemaTree(topic);
        JsonNode bodySchema = topic.isRowTopic() ? resolve(schema, schema.get("properties").get("data")) : schema;
        List<String> out = new ArrayList<>();
        collect(schema, bodySchema, "", List.of(types), out);
        return out;
    }

    private static void collect(JsonNode root, JsonNode objectSchema, String prefix, List<String> types,
                                List<String> out) {
        JsonNode props = objectSchema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            var e = it.next();
            String ref = refOf(e.getValue());
            if (ref != null && types.contains(ref.substring(ref.lastIndexOf('/') + 1))) {
                out.add(prefix + e.getKey());
            } else if (ref != null) {
                JsonNode target = root.at(ref.substring(1));
                if (target.path("type").asText().equals("object")) {
                    collect(root, target, prefix + e.getKey() + ".", types, out);
                }
            } else if (e.getValue().path("type").asText().equals("object")) {
                collect(root, e.getValue(), prefix + e.getKey() + ".", types, out);
            }
        }
    }

    private static ObjectNode holderOf(Topic topic, ObjectNode value, String dotted) {
        JsonNode node = body(topic, value);
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (node == null || !node.isObject()) {
                return null;
            }
        }
        return (ObjectNode) node;
    }

    private static String leaf(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static String refOf(JsonNode property) {
        if (property.has("$ref")) {
            return property.get("$ref").asText();
        }
        for (JsonNode alt : property.path("anyOf")) {
            if (alt.has("$ref")) {
                return alt.get("$ref").asText();
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** Object-typed schema for a JSON value: follows $ref and picks the non-null anyOf branch. */
    private static JsonNode objectSchema(JsonNode root, JsonNode node) {
        JsonNode s = resolve(root, node);
        if (s.has("anyOf")) {
            for (JsonNode alt : s.get("anyOf")) {
                JsonNode r = resolve(root, alt);
                if (r.has("properties") || r.path("type").asText().equals("array")) {
                    return r;
                }
            }
        }
        return s;
    }

    private static void compare(JsonNode root, JsonNode schemaNode, JsonNode value, String path, List<String> problems) {
        JsonNode s = objectSchema(root, schemaNode);
        if (value.isObject() && s.has("properties")) {
            var expected = new TreeSet<String>();
            s.get("properties").fieldNames().forEachRemaining(expected::add);
            var actual = new TreeSet<String>();
            value.fieldNames().forEachRemaining(actual::add);
            if (!expected.equals(actual)) {
                problems.add(path + ": schema " + expected + " but codec wrote " + actual);
            }
            for (String name : expected) {
                if (value.has(name)) {
                    compare(root, s.get("properties").get(name), value.get(name), path + "." + name, problems);
                }
            }
        } else if (value.isArray() && s.has("items")) {
            for (JsonNode item : value) {
                compare(root, s.get("items"), item, path + "[]", problems);
            }
        }
    }

    private static void walkProperties(JsonNode root, JsonNode node, String path,
                                       java.util.function.BiConsumer<String, JsonNode> visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            var e = it.next();
            visitor.accept(path + "." + e.getKey(), e.getValue());
            walkProperties(root, e.getValue(), path + "." + e.getKey(), visitor);
            for (JsonNode alt : e.getValue().path("anyOf")) {
                walkProperties(root, alt, path + "." + e.getKey(), visitor);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("$defs").fields(); it.hasNext(); ) {
            var e = it.next();
            walkProperties(root, e.getValue(), "$defs." + e.getKey(), visitor);
        }
    }
}
