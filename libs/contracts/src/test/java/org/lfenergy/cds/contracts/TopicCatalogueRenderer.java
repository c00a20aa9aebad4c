package org.lfenergy.cds.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** Renders the generated part of docs/topics.md from the Topic catalogue, the schemas and the samples. */
final class TopicCatalogueRenderer {

    static final String BEGIN = "<!-- catalogue:begin (generated from libs/contracts by TopicsDocTest; do not edit) -->";
    static final String END = "<!-- catalogue:end -->";
    private static final Instant RECEIVED = Instant.parse("2024-03-01T20:00:05Z");
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TopicCatalogueRenderer() {
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n## Catalogue\n\n");
        md.append("| topic | cleanup | partitions | retention | key | CloudEvents type | fed by |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Topic t : Topic.values()) {
            md.append("| [`").append(t.topicName()).append("`](#").append(anchor(t)).append(") | ")
                    .append(t.cleanupPolicy().configValue()).append(" | ").append(t.defaultPartitions()).append(" | ")
                    .append(t.retention().map(TopicCatalogueRenderer::days).orElse("per key")).append(" | `")
                    .append(cell(t.keyDefinition())).append("` | `").append(t.ceType()).append("` | ")
                    .append(t.sourceFileType().map(f -> "GridX `" + f + "`").orElse(producer(t))).append(" |\n");
        }
        for (Topic t : Topic.values()) {
            section(md, t);
        }
        md.append(END).append('\n');
        return md.toString();
    }

    private static void section(StringBuilder md, Topic t) {
        JsonNode schema = TopicSchemas.schemaTree(t);
        md.append("\n### ").append(t.topicName()).append("\n\n");
        md.append(schema.get("description").asText()).append("\n\n");
        md.append("- Key: `").append(t.keyDefinition()).append("`\n");
        md.append("- Cleanup: ").append(t.cleanupPolicy().configValue())
                .append(t.retention().map(r -> ", retention " + days(r)).orElse(""))
                .append("; default partitions ").append(t.defaultPartitions()).append('\n');
        md.append("- CloudEvents type: `").append(t.ceType()).append("`\n");
        md.append("- Schema: `libs/contracts/src/main/resources/").append(t.schemaResource()).append("`\n");
        md.append("- Java: `").append(t.valueClass().getSimpleName())
                .append(t.isRowTopic() ? "<" + t.payloadClass().getSimpleName() + ">" : "").append("`\n\n");

        if (t.isRowTopic()) {
            JsonNode data = resolve(schema, schema.get("properties").get("data"));
            md.append("`data` fields:\n\n");
            table(md, schema, data, "");
        } else {
            md.append("Fields:\n\n");
            table(md, schema, schema, "");
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("$defs").fields(); it.hasNext(); ) {
                var def = it.next();
                if (def.getValue().has("properties") && !def.getKey().equals("source")) {
                    md.append("\n`").append(def.getKey()).append("`:\n\n");
                    table(md, schema, def.getValue(), "");
                }
            }
        }

        Object sample = TopicSchemaTest.sample(t);
        md.append("\nExample (key `").append(t.keyOf(sample)).append("`):\n\n```\n");
        CloudEventHeaders.forValue(t, sample, RECEIVED).forEach((name, value) ->
                md.append(name).append(": ").append(new String(value, StandardCharsets.UTF_8)).append('\n'));
        md.append("```\n\n```json\n").append(pretty(EventCodec.shared().encode(sample))).append("\n```\n");
    }

    private static void table(StringBuilder md, JsonNode root, JsonNode objectSchema, String prefix) {
        if (prefix.isEmpty()) {
            md.append("| field | type | null | description |\n|---|---|---|---|\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = objectSchema.path("properties").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            JsonNode target = resolve(root, p);
            String description = p.has("description") ? p.get("description").asText()
                    : target.path("description").asText();
            md.append("| `").append(prefix).append(e.getKey()).append("` | ").append(type(root, p)).append(" | ")
                    .append(nullable(p) ? "yes" : "no").append(" | ").append(cell(description)).append(" |\n");
            if (!p.has("$ref") && target.has("properties")) {
                table(md, root, target, prefix + e.getKey() + ".");
            }
            for (JsonNode alt : p.path("anyOf")) {
                if (!alt.has("$ref") && alt.has("properties")) {
                    table(md, root, alt, prefix + e.getKey() + ".");
                }
            }
        }
    }

    private static String type(JsonNode root, JsonNode p) {
        if (p.has("$ref")) {
            String def = p.get("$ref").asText().substring("#/$defs/".length());
            return switch (def) {
                case "decimal" -> "decimal (string)";
                case "date" -> "date";
                case "date_time" -> "date-time with offset";
                case "utc_instant" -> "date-time UTC";
                case "local_time" -> "time";
                default -> "`" + def + "`";
            };
        }
        for (JsonNode alt : p.path("anyOf")) {
            if (!alt.path("type").asText().equals("null")) {
                return type(root, alt);
            }
        }
        if (p.has("enum")) {
            return "string (enum)";
        }
        JsonNode type = p.get("type");
        String base = type == null ? "any" : type.isArray() ? type.get(0).asText() : type.asText();
        if (base.equals("array")) {
            return "array of " + type(root, p.get("items"));
        }
        return base;
    }

    private static boolean nullable(JsonNode p) {
        for (JsonNode alt : p.path("anyOf")) {
            if (alt.path("type").asText().equals("null")) {
                return true;
            }
        }
        JsonNode type = p.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static String pretty(byte[] json) {
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String producer(Topic t) {
        return t == Topic.GRANTS ? "auth-service" : "ingest-service";
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }

    private static String anchor(Topic t) {
        return t.topicName().replace(".", "");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
