package org.lfenergy.cds.auth.support;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * Where {@code actual} does not have the shape of {@code example}: every member the example has must be present
     * with the same JSON type (string, number, boolean, object, array; an example {@code null} accepts any value, the
     * example's member is then only required to exist), recursively; the elements of an actual array are each compared
     * with the example array's first element. Members only {@code actual} has are allowed (extensions). {@code skipped}
     * holds paths not compared, each with the reason in the caller, written like the returned ones: {@code /grants/*}
     * {@code /parent} ({@code *} for any array element). Returns one line per difference; empty when the shapes agree.
     */
    public static List<String> shapeDifferences(JsonNode actual, JsonNode example, String... skipped) {
        List<String> out = new ArrayList<>();
        compare("", actual, example, Set.of(skipped), out);
        return out;
    }

    private static void compare(String path, JsonNode actual, JsonNode example, Set<String> skipped, List<String> out) {
        if (skipped.contains(path)) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing (example: " + example.getNodeType() + ")");
            return;
        }
        if (example.isNull()) {
            return;
        }
        if (actual.getNodeType() != example.getNodeType()) {
            out.add(path + ": " + actual.getNodeType() + " " + abbreviate(actual) + ", example " + example.getNodeType()
                    + " " + abbreviate(example));
            return;
        }
        if (example.isObject()) {
            for (String key : keys(example)) {
                compare(path + "/" + key, actual.get(key), example.get(key), skipped, out);
            }
        } else if (example.isArray() && !example.isEmpty()) {
            for (JsonNode element : actual) {
                compare(path + "/*", element, example.get(0), skipped, out);
            }
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
