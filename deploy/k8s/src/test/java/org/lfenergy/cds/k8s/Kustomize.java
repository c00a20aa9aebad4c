package org.lfenergy.cds.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real Kustomize: the binary named by {@code CDS_KUSTOMIZE} (set by
 * {@code deploy/local/stack test} when it had to fetch one), else {@code kubectl kustomize DIR}, else
 * {@code kustomize build DIR}. The renderer is never re-implemented here, so what is validated is
 * exactly what {@code kubectl apply -k} would send.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The rendered objects of one kustomization directory, in output order. */
    static List<ObjectNode> render(Path dir) {
        String yaml = run(dir);
        return parse(yaml);
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kustomize output is not YAML", e);
        }
        return objects;
    }

    private static String run(Path dir) {
        String pinned = System.getenv("CDS_KUSTOMIZE");
        List<List<String>> candidates = pinned != null && !pinned.isBlank()
                ? List.of(List.of(pinned, "build", dir.toString()))
                : List.of(List.of("kubectl", "kustomize", dir.toString()),
                        List.of("kustomize", "build", dir.toString()));
        IOException notFound = null;
        for (List<String> command : candidates) {
            Process process;
            Path errors;
            try {
                errors = Files.createTempFile("kustomize", ".err");
                process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                notFound = e;
                continue;
            }
            try {
                byte[] out = readAll(process.getInputStream());
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
                }
                String err = Files.readString(errors);
                Files.deleteIfExists(errors);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                            + err);
                }
                return new String(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("No Kustomize renderer found: install kubectl (it embeds Kustomize) or kustomize and "
                + "put it on the PATH (docs/operations.md, \"Validating the manifests\")", notFound);
    }

    // stdout is read to the end while stderr goes to a file, so neither pipe can fill up and block the renderer.
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
