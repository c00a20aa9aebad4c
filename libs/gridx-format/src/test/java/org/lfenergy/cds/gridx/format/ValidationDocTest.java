package org.lfenergy.cds.gridx.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/gridx-validation.md documents every rule with its severity. */
class ValidationDocTest {

    @Test
    void documentsEveryRuleWithItsSeverity() throws IOException {
        String root = System.getProperty("cds.repo.root");
        Path doc = root != null && Files.exists(Path.of(root, "docs", "gridx-validation.md"))
                ? Path.of(root, "docs", "gridx-validation.md") : Path.of("../../docs/gridx-validation.md");
        String text = Files.readString(doc);
        for (Rule rule : Rule.values()) {
            assertThat(text).as(rule.id()).contains("| `" + rule.id() + "` | " + rule.severity() + " |");
        }
    }
}
