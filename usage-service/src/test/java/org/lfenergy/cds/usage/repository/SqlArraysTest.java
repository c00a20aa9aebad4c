package org.lfenergy.cds.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlArraysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}|",
            "{1}|1",
            "{1.500,NULL,-0.25}|1.500;null;-0.25",
            "{NULL}|null",
            "{null,NULL}|null;null",
            "{0,0.000,-1}|0;0.000;-1",
            "{123456789012345678901234567890.123456789}|123456789012345678901234567890.123456789",
            "{0.0000001}|0.0000001",
            "[0:1]={2.5,NULL}|2.5;null",
            "[1:3]={1,2,3}|1;2;3"})
    void readsTheDecimalTextsOfANumericArrayAsPostgresqlPrintsThem(String text, String expected) {
        String[] want = expected == null ? new String[0]
                : Arrays.stream(expected.split(";")).map(s -> s.equals("null") ? null : s).toArray(String[]::new);
        assertThat(SqlArrays.decimalTexts(text)).containsExactly(want);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "1,2", "{1,2", "1,2}", "{1,,2}", "{,}", "{NaN}", "{Infinity}", "{-Infinity}",
            "{1e5}", "{1.2.3}", "{--1}", "{1-}", "{-}", "{.}", "{ 1}", "{\"1\"}", "{{1,2},{3,4}}", "[0:1]{1,2}",
            "x{1}", "{NULLS}", "{+1}"})
    void refusesWhatIsNotAOneDimensionalArrayOfFiniteDecimals(String text) {
        assertThatThrownBy(() -> SqlArrays.decimalTexts(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "{}|",
            "{A}|A",
            "{A,E,NULL,A}|A;E;null;A",
            "{null}|null",
            "{\"NULL\"}|NULL",
            "{\"a b\",\"x\\\"y\",\"back\\\\slash\"}|a b;x\"y;back\\slash",
            "{\"\"}|",
            "{\"{,}\"}|{,}",
            "{estimated,revenue}|estimated;revenue",
            "[0:1]={A,E}|A;E"})
    void readsTheElementsOfATextArrayAsPostgresqlPrintsThem(String text, String expected) {
        String[] want = expected == null ? (text.equals("{\"\"}") ? new String[] {""} : new String[0])
                : Arrays.stream(expected.split(";")).map(s -> s.equals("null") ? null : s).toArray(String[]::new);
        assertThat(SqlArrays.texts(text)).containsExactly(want);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "A,B", "{A", "A}", "{A,,B}", "{,}", "{A,}", "{,A}", "{\"A}", "{\"A\"B}",
            "{{A,B},{C,D}}", "x{A}", "{A\"B}", "{A\\B}"})
    void refusesWhatIsNotAOneDimensionalTextArray(String text) {
        assertThatThrownBy(() -> SqlArrays.texts(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneCharacterElementsAreSharedConstants() {
        assertThat(SqlArrays.texts("{A,A}")[0]).isSameAs(SqlArrays.texts("{A}")[0]);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SqlArrays.decimalTexts(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsBackEveryLiteralItWritesWithTheSameDecimals() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int n = 0; n < 200; n++) {
            BigDecimal[] values = new BigDecimal[r.nextInt(1, 101)];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.nextInt(8) == 0 ? null
                        : BigDecimal.valueOf(r.nextLong(-10_000_000_000L, 10_000_000_000L), r.nextInt(0, 10));
            }
            String[] read = SqlArrays.decimalTexts(SqlArrays.numericLiteral(values));
            assertThat(read).hasSize(values.length);
            for (int i = 0; i < values.length; i++) {
                assertThat(read[i]).isEqualTo(values[i] == null ? null : values[i].toPlainString());
            }
        }
    }
}
