package org.lfenergy.cds.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Loads the published topic schemas from the class path and validates JSON against them (format assertions on). */
final class TopicSchemas {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private TopicSchemas() {
    }

    static JsonNode schemaTree(Topic topic) {
        try (InputStream in = resource(topic)) {
            return PLAIN.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchema schema(Topic topic) {
        return FACTORY.getSchema(schemaTree(topic), CONFIG);
    }

    static Set<ValidationMessage> validate(Topic topic, JsonNode value) {
        return schema(topic).validate(value);
    }

    static JsonNode tree(byte[] json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(Topic topic) {
        InputStream in = TopicSchemas.class.getClassLoader().getResourceAsStream(topic.schemaResource());
        if (in == null) {
            throw new IllegalStateException("No schema on the class path: " + topic.schemaResource());
        }
        return in;
    }
}
