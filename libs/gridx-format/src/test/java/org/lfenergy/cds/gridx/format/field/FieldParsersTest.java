package org.lfenergy.cds.gridx.format.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldParsersTest {

    @ParameterizedTest
    @CsvSource({"20240229, 2024-02-29", "2024-02-29, 2024-02-29", "20000229, 2000-02-29", "99991231, 9999-12-31"})
    void parsesDates(String text, LocalDate expected) {
        assertThat(GridxDateTimes.parseDate(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230229", "19000229", "2024-2-29", "2024022", "202402290", "2024_02_29", "abcdefgh",
            "20240001", "20240100", "", "2024-02-30"})
    void rejectsBadDates(String text) {
        assertThat(GridxDateTimes.parseDate(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"202401021530, false, 2024-01-02T15:30", "20240102153045, false, 2024-01-02T15:30:45",
            "20240102, false, 2024-01-02T00:00", "20240102, true, 2024-01-03T00:00",
            "2024-01-02, true, 2024-01-03T00:00", "2024-01-02 15:30, false, 2024-01-02T15:30",
            "2024-01-02T15:30:45, false, 2024-01-02T15:30:45", "202401022400, false, 2024-01-03T00:00",
            "20241231, true, 2025-01-01T00:00"})
    void parsesDateTimes(String text, boolean end, LocalDateTime expected) {
        assertThat(GridxDateTimes.parseDateTime(text, end)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"202401022401", "202401022500", "202401021560", "2024010215", "2024-01-02X15:30",
            "2024-01-02 15-30", "20240102153060", "202401321530"})
    void rejectsBadDateTimes(String text) {
        assertThat(GridxDateTimes.parseDateTime(text, false)).isNull();
    }

    @Test
    void parsesAndFormatsTimes() {
        assertThat(GridxDateTimes.parseTime("160000")).isEqualTo(LocalTime.of(16, 0));
        assertThat(GridxDateTimes.parseTime("1630")).isEqualTo(LocalTime.of(16, 30));
        assertThat(GridxDateTimes.parseTime("16:30:15")).isEqualTo(LocalTime.of(16, 30, 15));
        assertThat(GridxDateTimes.parseTime("240000")).isNull();
        assertThat(GridxDateTimes.parseTime("16300")).isNull();
        assertThat(GridxDateTimes.formatTime(LocalTime.of(7, 5, 3))).isEqualTo("070503");
        assertThat(GridxDateTimes.formatDate(LocalDate.of(2024, 3, 9))).isEqualTo("20240309");
        assertThat(GridxDateTimes.formatDateTime(LocalDateTime.of(2024, 3, 9, 7, 5))).isEqualTo("202403090705");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1.50, 2", "-12.345, 3", "+4, 0", "5., 0", ".25, 2", "000123.4500, 4",
            "123456789012345678.9, 1", "12345678901234567890123.123456789012, 12"})
    void parsesDecimalsExactlyKeepingScale(String text, int scale) {
        BigDecimal d = GridxDecimals.parse(text);
        assertThat(d).isEqualByComparingTo(new BigDecimal(text.replace("+", "")));
        assertThat(d.scale()).isEqualTo(scale);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1e5", "1E5", "1,000", "1.2.3", "NaN", "Infinity", "0x10", "1 000", "--1"})
    void rejectsNonPlainDecimals(String text) {
        assertThat(GridxDecimals.parse(text)).isNull();
    }

    @Test
    void checksDecimalPrecisionAndScale() {
        assertThat(GridxDecimals.fits(new BigDecimal("9999999999.99999"), 15, 5)).isTrue();
        assertThat(GridxDecimals.fits(new BigDecimal("99999999999.9"), 15, 5)).isFalse();
        assertThat(GridxDecimals.fits(new BigDecimal("0.000001"), 15, 5)).isFalse();
        assertThat(GridxDecimals.fits(new BigDecimal("0.00001"), 15, 5)).isTrue();
    }

    @Test
    void resolvesZonesAndPlacesLocalTimes() {
        ZoneResolver z = new ZoneResolver();
        ZoneId la = ZoneId.of("America/Los_Angeles");
        assertThat(z.resolve("UTC")).isEqualTo(ZoneOffset.UTC);
        assertThat(z.resolve("utc")).isEqualTo(ZoneOffset.UTC);
        assertThat(z.resolve("America/Los_Angeles")).isEqualTo(la);
        assertThat(z.resolve("PST")).isNull();
        assertThat(z.resolve("Nowhere/Else")).isNull();
        assertThat(z.resolve("Nowhere/Else")).isNull();

        assertThat(z.place(LocalDateTime.of(2024, 3, 10, 2, 30), la)).isNull();
        assertThat(z.lastPlacement()).isEqualTo(ZoneResolver.Placement.GAP);
        assertThat(z.place(LocalDateTime.of(2024, 11, 3, 1, 30), la).getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(z.lastPlacement()).isEqualTo(ZoneResolver.Placement.AMBIGUOUS_EARLIER_OFFSET);
        assertThat(z.place(LocalDateTime.of(2024, 7, 1, 12, 0), la).getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(z.lastPlacement()).isEqualTo(ZoneResolver.Placement.EXACT);
    }
}
