package org.lfenergy.cds.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas in {@code deploy/k8s/schemas}: one file per apiVersion and kind, generated from the Kubernetes
 * OpenAPI document and the operators' CRDs (schemas/README.md). An object whose kind has no schema is an error,
 * so a new kind cannot slip through unvalidated.
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(false)
            .build();

    private final Path root;
    private final Map<String, JsonSchema> cache = new ConcurrentHashMap<>();

    ManifestSchemas(Path root) {
        this.root = root;
    }

    /** The schema file for an apiVersion ({@code group/version} or {@code version}) and kind. */
    Path fileFor(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return root.resolve(group).resolve(kind.toLowerCase(Locale.ROOT) + "_" + version + ".json");
    }

    /** Validation errors of one object; empty when it is valid. */
    List<String> validate(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of("object without apiVersion or kind");
        }
        Path file = fileFor(apiVersion, kind);
        if (!Files.isRegularFile(file)) {
            return List.of("no schema for " + apiVersion + " " + kind + " (expected " + root.relativize(file)
                    + "; add the kind to schemas/generate.py and regenerate)");
        }
        JsonSchema schema = cache.computeIfAbsent(file.toString(), f -> load(file));
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(Path file) {
        try {
            return FACTORY.getSchema(JSON.readTree(file.toFile()), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
