package org.lfenergy.cds.auth.support;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the specification's example requests and responses from the shared spec folder (not copied into this
 * repository). Tests that need them are skipped where the folder is absent. Location: system property
 * {@code cds.spec.examples}, else {@code <repo root>/../shared/spec/auth-examples}.
 */
public final class SpecExamples {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private SpecExamples() {
    }

    public static Path folder() {
        String configured = System.getProperty("cds.spec.examples");
        if (configured != null) {
            return Path.of(configured);
        }
        String root = System.getProperty("cds.repo.root", "..");
        return Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("spec").resolve("auth-examples");
    }

    /** The raw text of one example file; skips the test when the examples are not on this machine. */
    public static String text(String fileName) {
        Path file = folder().resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file), "spec example not available: " + file);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses an example, repairing only the documented syntax defects (trailing commas, missing commas between
     * members on consecutive lines, "..." elisions) so its shape can be compared.
     */
    public static JsonNode json(String fileName) {
        String text = text(fileName)
                .replaceAll("(?m)^\\s*\\.\\.\\.\\s*$", "")
                .replaceAll("([\\]\"}0-9el])(\\s*\\n\\s*\")", "$1,$2")
                .replaceAll(",(\\s*[}\\]])", "$1");
        try {
            return LENIENT.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse example " + fileName, e);
        }
    }

    /** The member names of an object. */
    public static Set<String> keys(JsonNode object) {
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
