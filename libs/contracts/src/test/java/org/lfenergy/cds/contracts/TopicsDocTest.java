package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated catalogue in docs/topics.md true. Run with {@code -Dcontracts.docs.write=true} to rewrite
 * it after changing a topic, a schema or a sample.
 */
class TopicsDocTest {

    private static Path topicsMd() {
        String root = System.getProperty("cds.repo.root");
        Path base = root == null || root.isBlank() ? Path.of("").toAbsolutePath().resolve("../..") : Path.of(root);
        return base.resolve("docs/topics.md").normalize();
    }

    @Test
    void docsShowTheCurrentCatalogue() throws IOException {
        Path file = topicsMd();
        String doc = Files.readString(file, StandardCharsets.UTF_8);
        String expected = TopicCatalogueRenderer.render();
        int begin = doc.indexOf(TopicCatalogueRenderer.BEGIN);
        int end = doc.indexOf(TopicCatalogueRenderer.END);
        String current = begin < 0 || end < 0 ? "" : doc.substring(begin, end + TopicCatalogueRenderer.END.length() + 1);
        if (Boolean.getBoolean("contracts.docs.write")) {
            String updated = begin < 0 || end < 0 ? doc + "\n" + expected : doc.replace(current, expected);
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(current)
                .as("%s is out of date: run mvn -o -pl libs/contracts test -Dcontracts.docs.write=true", file)
                .isEqualTo(expected);
    }
}
