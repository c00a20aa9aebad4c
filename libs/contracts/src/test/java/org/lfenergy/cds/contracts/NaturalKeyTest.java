package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NaturalKeyTest {

    @Test
    void joinsPartsWithPipes() {
        assertThat(NaturalKey.of("DEMO", "4001", "x")).isEqualTo("DEMO|4001|x");
    }

    @Test
    void nullPartIsEmpty() {
        assertThat(NaturalKey.of("DEMO", null, "x")).isEqualTo("DEMO||x");
    }

    @Test
    void pipesInsidePartsCannotMakeTwoRowsShareAKey() {
        String a = NaturalKey.of("DEMO", "a|b", "c");
        String b = NaturalKey.of("DEMO", "a", "b|c");
        assertThat(a).isNotEqualTo(b);
        assertThat(NaturalKey.split(a)).containsExactly("DEMO", "a|b", "c");
        assertThat(NaturalKey.split(b)).containsExactly("DEMO", "a", "b|c");
    }

    @Test
    void backslashesRoundTrip() {
        assertThat(NaturalKey.split(NaturalKey.of("x\\", "|y"))).containsExactly("x\\", "|y");
    }
}
