package org.lfenergy.cds.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlArraysTest {

    /** One binary numeric: digit count, weight, sign, display scale, base-10000 digit groups. */
    static byte[] numeric(int weight, int sign, int dscale, int... digits) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * digits.length);
        b.putShort((short) digits.length).putShort((short) weight).putShort((short) sign).putShort((short) dscale);
        for (int d : digits) {
            b.putShort((short) d);
        }
        return b.array();
    }

    /** A one-dimensional binary array of element type {@code oid} (elements null = NULL). */
    static byte[] array(int oid, byte[]... elements) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(20).putInt(1).putInt(0).putInt(oid).putInt(elements.length)
                .putInt(1);
        out.writeBytes(h.array());
        for (byte[] e : elements) {
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(e == null ? -1 : e.length).array());
            if (e != null) {
                out.writeBytes(e);
            }
        }
        return out.toByteArray();
    }

    static byte[] numerics(byte[]... elements) {
        return array(1700, elements);
    }

    static final int POS = 0x0000;
    static final int NEG = 0x4000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1|0|0|0|1",
            "1.500|0|0|3|1 5000",
            "-0.25|-1|16384|2|2500",
            "0|0|0|0|",
            "0.000|0|0|3|",
            "0.0000001|-2|0|7|10",
            "10000|1|0|0|1",
            "20000000.5|1|0|1|2000 0 5000",
            "123456789.5|2|0|1|1 2345 6789 5000",
            "-10000.0001|1|16384|4|1 0 1",
            "0.5|-1|0|1|5000",
            "0.123456789012|-1|0|12|1234 5678 9012",
            "9999.9999|0|0|4|9999 9999",
            "-9|0|16384|0|9",
            "42.10|0|0|2|42 1000",
            "0.00|-3|0|2|"})
    void writesEachBinaryNumericAsPostgresqlPrintsIt(String expected, int weight, int sign, int dscale, String digits) {
        int[] groups = digits == null ? new int[0] : java.util.Arrays.stream(digits.split(" ")).mapToInt(Integer::parseInt)
                .toArray();
        assertThat(SqlArrays.decimalTexts(numerics(numeric(weight, sign, dscale, groups)))).containsExactly(expected);
    }

    @Test
    void readsNullsEmptyArraysAndManyElementsInOrder() {
        assertThat(SqlArrays.decimalTexts(numerics(numeric(0, POS, 1, 1, 5000), null, numeric(0, NEG, 0, 7), null)))
                .containsExactly("1.5", null, "-7", null);
        // array_send of '{}': no dimensions
        byte[] empty = java.nio.ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(1700).array();
        assertThat(SqlArrays.decimalTexts(empty)).isEmpty();
        assertThat(SqlArrays.decimalTexts(numerics())).isEmpty();
    }

    static Stream<Arguments> badNumericArrays() {
        byte[] good = numerics(numeric(0, POS, 0, 1));
        byte[] twoDims = good.clone();
        twoDims[3] = 2;
        byte[] wrongLength = numerics(numeric(0, POS, 0, 1));
        wrongLength[23] = 12; // element length 12 for 10 bytes
        return Stream.of(
                Arguments.of("NaN", numerics(numeric(0, 0xC000, 0)), "NaN"),
                Arguments.of("Infinity", numerics(numeric(0, 0xD000, 0)), "Infinity"),
                Arguments.of("-Infinity", numerics(numeric(0, 0xF000, 0)), "-Infinity"),
                Arguments.of("unknown sign", numerics(numeric(0, 0x1000, 0, 1)), "sign 0x1000"),
                Arguments.of("text elements", array(25, new byte[] {'a'}), "oid 25"),
                Arguments.of("two dimensions", twoDims, "2 dimensions"),
                Arguments.of("cut short", java.util.Arrays.copyOf(good, good.length - 1), "bad length 10"),
                Arguments.of("header only", new byte[] {0, 0, 0, 1}, "ends at byte 4"),
                Arguments.of("trailing bytes", java.util.Arrays.copyOf(good, good.length + 2), "2 bytes after"),
                Arguments.of("digit group above 9999", numerics(numeric(0, POS, 0, 10000)), "10000 above 9999"),
                Arguments.of("length and digit count disagree", wrongLength, "bad length 12"),
                Arguments.of("element shorter than a header", numerics(new byte[] {0, 0}), "bad length 2"),
                Arguments.of("negative array length",
                        java.nio.ByteBuffer.allocate(20).putInt(1).putInt(0).putInt(1700).putInt(-1).putInt(1).array(),
                        "negative array length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNumericArrays")
    void refusesWhatIsNotAOneDimensionalArrayOfFiniteDecimalsNamingWhy(String name, byte[] bytes, String message) {
        assertThatThrownBy(() -> SqlArrays.decimalTexts(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static byte[] texts(String... elements) {
        return array(25, java.util.Arrays.stream(elements)
                .map(e -> e == null ? null : e.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new));
    }

    @Test
    void readsTheElementsOfABinaryTextArray() {
        assertThat(SqlArrays.texts(texts("A", "E", null, "A"))).containsExactly("A", "E", null, "A");
        assertThat(SqlArrays.texts(texts("NULL", "", "a b", "x\"y", "back\\slash", "{,}", "é ü", "estimated")))
                .containsExactly("NULL", "", "a b", "x\"y", "back\\slash", "{,}", "é ü", "estimated");
        assertThat(SqlArrays.texts(texts())).isEmpty();
        assertThat(SqlArrays.texts(java.nio.ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(25).array())).isEmpty();
    }

    static Stream<Arguments> badTextArrays() {
        byte[] good = texts("A", "B");
        byte[] longer = good.clone();
        longer[23] = 9; // first element 9 bytes long
        return Stream.of(
                Arguments.of("numeric elements", numerics(numeric(0, POS, 0, 1)), "oid 1700"),
                Arguments.of("cut short", java.util.Arrays.copyOf(good, good.length - 1), "bad length 1"),
                Arguments.of("element past the end", longer, "bad length 9"),
                Arguments.of("trailing bytes", java.util.Arrays.copyOf(good, good.length + 1), "1 bytes after"),
                Arguments.of("bytes after an empty array",
                        java.nio.ByteBuffer.allocate(13).putInt(0).putInt(0).putInt(25).array(), "1 bytes after an empty"),
                Arguments.of("no lower bound", java.util.Arrays.copyOf(good, 18), "ends at byte 18"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTextArrays")
    void refusesWhatIsNotAOneDimensionalBinaryTextArrayNamingWhy(String name, byte[] bytes, String message) {
        assertThatThrownBy(() -> SqlArrays.texts(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void oneCharacterElementsAreSharedConstants() {
        assertThat(SqlArrays.texts(texts("A", "A"))[0]).isSameAs(SqlArrays.texts(texts("A"))[0]);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SqlArrays.decimalTexts(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlArrays.texts(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
