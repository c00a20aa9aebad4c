package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written date-time parsers compute the same instant and the same offset date-time as java.time for every
 * text in the canonical form, over the whole 0000–9999 range (every leap day, century rule, offsets of whole and
 * partial hours, DST transitions), and refuse (null: the caller falls back to the JDK's parser, which words the
 * error) every text java.time refuses or that is not exactly the canonical form.
 */
class IsoFormatsTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Test
    void epochDayEqualsJavaTimeForEveryDayOfTheYears0000To9999() {
        LocalDate d = LocalDate.of(0, 1, 1);
        LocalDate end = LocalDate.of(9999, 12, 31);
        long checked = 0;
        while (!d.isAfter(end)) {
            long actual = IsoFormats.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            if (actual != d.toEpochDay()) {
                throw new AssertionError(d + ": epochDay " + actual + ", java.time " + d.toEpochDay());
            }
            d = d.plusDays(1);
            checked++;
        }
        assertThat(checked).isEqualTo(LocalDate.of(9999, 12, 31).toEpochDay() - LocalDate.of(0, 1, 1).toEpochDay() + 1);
    }

    @Test
    void everyLeapDayAndMonthBoundaryParsesAsJavaTimeDoes() {
        List<String> texts = new ArrayList<>();
        for (int year = 0; year <= 9999; year++) {
            for (String md : new String[]{"01-01", "02-28", "02-29", "03-01", "12-31"}) {
                texts.add(String.format("%04d-%sT00:00:00Z", year, md));
                texts.add(String.format("%04d-%sT23:59:59.999999999-08:00", year, md));
            }
        }
        texts.forEach(IsoFormatsTest::assertAsJavaTime);
        // 2000 and 2400 are leap years, 1900 and 2100 are not: java.time refuses those February 29ths, so must we
        assertThat(IsoFormats.parseInstant("1900-02-29T00:00:00Z")).isNull();
        assertThat(IsoFormats.parseInstant("2100-02-29T00:00:00Z")).isNull();
        assertThat(IsoFormats.parseInstant("2000-02-29T00:00:00Z")).isEqualTo(Instant.parse("2000-02-29T00:00:00Z"));
        assertThat(IsoFormats.parseInstant("2400-02-29T12:00:00Z")).isEqualTo(Instant.parse("2400-02-29T12:00:00Z"));
    }

    @Test
    void randomTextsOverTheWholeRangeParseAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(20261123);
        long min = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long max = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        int[] fractionDigits = {0, 3, 6, 9};
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(random.nextLong(min, max + 1), 0, ZoneOffset.UTC);
            int digits = fractionDigits[random.nextInt(fractionDigits.length)];
            int nano = digits == 0 ? 0 : (int) (random.nextInt((int) Math.pow(10, digits)) * Math.pow(10, 9 - digits));
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            ZoneOffset offset = random.nextInt(4) == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            OffsetDateTime t = OffsetDateTime.of(local.withNano(nano), offset);
            String text = IsoFormats.offsetDateTime(t);
            assertAsJavaTime(text);
            assertThat(IsoFormats.parseOffsetDateTime(text)).as(text).isEqualTo(t);
            if (offset.equals(ZoneOffset.UTC)) {
                assertThat(IsoFormats.parseInstant(text)).as(text).isEqualTo(t.toInstant());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "Asia/Kolkata"})
    void everyQuarterHourAroundTheDstTransitionsOf2020To2030(String zoneId) {
        // each day with an offset change (30-minute DST on Lord Howe, +12:45/+13:45 on Chatham, -03:30/-02:30 in
        // St. John's) and every 97th day, one day either side, every quarter hour, in local and in UTC form
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate first = LocalDate.of(2020, 1, 1);
        int checked = 0;
        int transitions = 0;
        for (LocalDate day = first; day.getYear() <= 2030; day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean transition = !zone.getRules().getOffset(start).equals(zone.getRules().getOffset(start.plus(1,
                    ChronoUnit.DAYS)));
            transitions += transition ? 1 : 0;
            if (!transition && (day.toEpochDay() - first.toEpochDay()) % 97 != 0) {
                continue;
            }
            for (Instant t = start.minus(1, ChronoUnit.DAYS); t.isBefore(start.plus(2, ChronoUnit.DAYS));
                    t = t.plus(15, ChronoUnit.MINUTES)) {
                OffsetDateTime local = t.atZone(zone).toOffsetDateTime();
                String text = IsoFormats.offsetDateTime(local);
                OffsetDateTime parsed = IsoFormats.parseOffsetDateTime(text);
                assertThat(parsed).as(text).isEqualTo(local);
                assertThat(parsed.toInstant()).as(text).isEqualTo(t);
                String utc = IsoFormats.instant(t);
                assertThat(IsoFormats.parseInstant(utc)).as(utc).isEqualTo(t);
                assertAsJavaTime(text);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(41 * 288);
        assertThat(transitions).as("offset changes of %s in 2020-2030", zoneId)
                .isEqualTo(zoneId.startsWith("Asia/") ? 0 : 22);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // impossible values
            "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-06-31T00:00:00Z",
            "2024-09-31T00:00:00Z", "2024-11-31T00:00:00Z", "2024-01-32T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z",
            "2024-01-01T23:59:60Z", "2024-01-01T00:00:00+19:00", "2024-01-01T00:00:00+18:01",
            "2024-01-01T00:00:00-18:30", "2024-01-01T00:00:00+05:60", "9999-12-31T23:59:59.1234567890Z",
            // other forms and bad text: left to the JDK's parser
            "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00", "2024-01-01",
            "2024-1-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024/01/01T00:00:00Z", "2024-01-01T00:00:00X",
            "2024-01-01T0a:00:00Z", "2024-01-01T00:00:00-08:0", "", "   ", "not a date", "2024-01-01T00:00:00ZZ",
            "2024-03-01T00:00Z", "2024-03-01T00:00:00+0530", "2024-03-01T00:00:00+05", "2024-03-01T00:00:00+05:30:15",
            " 2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z ", "2024-03-01t00:00:00z", "+12024-03-01T00:00:00Z",
            "-0001-03-01T00:00:00Z", "２０２４-01-01T00:00:00Z", "2024-01-01T00:00:00.12a4Z", "2024-01-01T00:00:00+-5:00",
            "2024-01-01T00:00:00+05-30", "2024-01-01T00:00:00+5:300", "2024-01-01T-1:00:00Z", "2024-01-01T00:00:-1Z"})
    void textsOutsideTheCanonicalFormOrImpossibleAreLeftToTheJdkParser(String text) {
        assertThat(IsoFormats.parseOffsetDateTime(text)).as(text).isNull();
        assertThat(IsoFormats.parseInstant(text)).as(text).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-10T03:00:00-07:00", "2024-11-03T01:45:00-08:00", "2024-03-01T00:00:00+00:00",
            "2024-03-01T00:00:00-00:00", "2024-03-01T00:00:00.5+05:45", "2024-03-01T00:00:00.12+12:45"})
    void anInstantIsReadOnlyFromItsZForm(String text) {
        // the canonical instant text ends in Z; an offset (even +00:00) is another form, decided by the JDK parser
        assertThat(IsoFormats.parseInstant(text)).isNull();
        assertAsJavaTime(text);
    }

    /** {@code text} parses to what java.time makes of it (value and offset), or is refused when java.time refuses. */
    private static void assertAsJavaTime(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text, REFERENCE);
        } catch (DateTimeParseException e) {
            assertThat(IsoFormats.parseOffsetDateTime(text)).as(text).isNull();
            assertThat(IsoFormats.parseInstant(text)).as(text).isNull();
            return;
        }
        OffsetDateTime actual = IsoFormats.parseOffsetDateTime(text);
        if (actual == null || !actual.equals(expected) || !actual.getOffset().equals(expected.getOffset())) {
            throw new AssertionError(text + ": parsed " + actual + ", java.time " + expected);
        }
        if (text.endsWith("Z")) {
            Instant instant = IsoFormats.parseInstant(text);
            if (!expected.toInstant().equals(instant)) {
                throw new AssertionError(text + ": instant " + instant + ", java.time " + expected.toInstant());
            }
        }
    }
}
