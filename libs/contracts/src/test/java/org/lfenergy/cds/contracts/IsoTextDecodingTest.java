package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written readers of event dates and times decode exactly as the JavaTimeModule does: the same value for
 * every text it accepts (offset kept) and an error for every text it refuses. The reference is a mapper with only
 * the JavaTimeModule and the event settings that concern dates.
 */
class IsoTextDecodingTest {

    private static final ObjectMapper REFERENCE = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private static final ObjectMapper EVENTS = EventCodec.shared().mapper();

    @ParameterizedTest
    @ValueSource(strings = {
            // the forms events carry
            "2024-03-01T00:00:00-08:00", "2024-03-10T03:00:00-07:00", "2024-11-03T01:45:00-08:00",
            "2024-03-01T08:00:00Z", "2024-03-01T00:00:00+00:00", "2024-03-01T00:00:00-00:00",
            "2024-03-01T00:00:00.500Z", "2024-03-01T00:00:00.123456+05:30", "2024-03-01T00:00:00.123456789-03:00",
            "2024-02-29T23:59:59+14:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-18:00", "2024-01-01T00:00:00+18:00",
            // other fraction lengths and ISO forms (fallback)
            "2024-03-01T00:00:00.5Z", "2024-03-01T00:00:00.12Z", "2024-03-01T00:00Z", "2024-03-01T00:00-08:00",
            "2024-03-01T00:00:00+0530", "2024-03-01T00:00:00+05", "2024-03-01T00:00:00+05:30:15",
            " 2024-03-01T00:00:00Z ", "2024-03-01t00:00:00z", "+12024-03-01T00:00:00Z",
            // bad values and bad text: refused by both
            "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
            "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z",
            "2024-01-01T00:00:00+19:00", "2024-01-01T00:00:00+18:01", "2024-01-01T00:00:00+05:60",
            "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00", "2024-01-01",
            "2024-1-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024/01/01T00:00:00Z", "2024-01-01T00:00:00X",
            "2024-01-01T0a:00:00Z", "2024-01-01T00:00:00-08:0", "", "   ", "not a date", "2024-01-01T00:00:00ZZ"})
    void dateTimesDecodeAsTheJavaTimeModuleDoes(String text) {
        assertSameDecoding(text, OffsetDateTime.class);
        assertSameDecoding(text, Instant.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01", "2024-02-29", "2023-12-31", "0000-01-01", "9999-12-31", "2000-02-29",
            "1900-02-29", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-01", "2024-01-00", "2024-1-01",
            "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01T00:00:00", "2024-01-01T00:00:00Z", " 2024-01-01",
            "2024-01-01 ", "", "x", "+12024-01-01", "2024-0a-01", "２０２４-01-01"})
    void datesDecodeAsTheJavaTimeModuleDoes(String text) {
        assertSameDecoding(text, LocalDate.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01T00:00:00-08:00", "2024-03-01T00:00:00+05:30", "2024-03-01T00:00:00Z"})
    void anOffsetIsKeptAsWritten(String text) throws Exception {
        OffsetDateTime t = EVENTS.readValue(quoted(text), OffsetDateTime.class);
        assertThat(IsoFormats.offsetDateTime(t)).isEqualTo(text);
        assertThat(t.getOffset()).isEqualTo(ZoneOffset.of(text.endsWith("Z") ? "Z" : text.substring(19)));
    }

    private static void assertSameDecoding(String text, Class<?> type) {
        String json = quoted(text);
        Object expected = null;
        Object actual = null;
        Throwable expectedError = catchThrowable(() -> REFERENCE.readValue(json, type));
        Throwable actualError = catchThrowable(() -> EVENTS.readValue(json, type));
        if (expectedError == null) {
            expected = read(REFERENCE, json, type);
            actual = read(EVENTS, json, type);
        }
        assertThat(actualError == null).as("%s as %s accepted by both or by neither (reference: %s)", text,
                type.getSimpleName(), expectedError).isEqualTo(expectedError == null);
        assertThat(actual).as("%s as %s", text, type.getSimpleName()).isEqualTo(expected);
        if (actual instanceof OffsetDateTime a) {
            assertThat(a.getOffset()).isEqualTo(((OffsetDateTime) Objects.requireNonNull(expected)).getOffset());
        }
    }

    private static Object read(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }
}
