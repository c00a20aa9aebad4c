package org.lfenergy.cds.gridx.generator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

import org.lfenergy.cds.gridx.format.Dialect;

/**
 * What to generate: seed, client, window, volume and output format. Same config, same bytes.
 *
 * @param seed            drives every random choice and every metered value
 * @param client          client code in the file names, e.g. {@code DEMO}
 * @param outputDirectory created if missing; existing files of the same names are overwritten
 * @param persons         random customers added to the fixed scenario (which has its own 7 persons)
 * @param startDate       first local day of the data window (intervals, registers, bills)
 * @param days            length of the window in days
 * @param intervalMinutes electric interval length; a divisor of 60 (gas is always hourly)
 * @param zone            the utility's time zone; all local dates and times are in it
 * @param dialect         csv, psv or tsv
 * @param gzip            whether files are written as {@code .gz}
 * @param fileTimestamp   the timestamp in every file name (never the wall clock); not before the window's end
 * @param intervalRows    when positive, the Interval file holds exactly this many data rows (extra rows are
 *                        earlier history of the same meters); 0 = no scaling
 * @param intervalBytes   when positive, the Interval file grows with history until its uncompressed size reaches
 *                        this many bytes; 0 = no scaling. Exclusive with {@code intervalRows}
 */
public record GeneratorConfig(long seed, String client, Path outputDirectory, int persons, LocalDate startDate,
                              int days, int intervalMinutes, ZoneId zone, Dialect dialect, boolean gzip,
                              LocalDateTime fileTimestamp, long intervalRows, long intervalBytes) {

    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;
    /** The client code used when none is given. */
    public static final String DEFAULT_CLIENT = "DEMO";
    /** Random customers added to the scenario by default. */
    public static final int DEFAULT_PERSONS = 20;
    /** A leap year with both daylight-saving changes of America/Los_Angeles (March 10 and November 3). */
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
    /** The whole of 2024. */
    public static final int DEFAULT_DAYS = 366;
    /** The usual AMI interval. */
    public static final int DEFAULT_INTERVAL_MINUTES = 15;
    /** The default utility time zone. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

    public GeneratorConfig {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dialect, "dialect");
        if (persons < 0) {
            throw new IllegalArgumentException("persons must not be negative: " + persons);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        if (intervalMinutes <= 0 || 60 % intervalMinutes != 0) {
            throw new IllegalArgumentException("interval minutes must divide 60 (1, 5, 15, 30, 60, ...): "
                    + intervalMinutes);
        }
        if (intervalRows < 0 || intervalBytes < 0) {
            throw new IllegalArgumentException("interval rows and bytes must not be negative");
        }
        if (intervalRows > 0 && intervalBytes > 0) {
            throw new IllegalArgumentException("give either interval rows or interval bytes, not both");
        }
        if (fileTimestamp == null) {
            fileTimestamp = defaultTimestamp(startDate, days);
        }
        if (fileTimestamp.isBefore(startDate.plusDays(days).atStartOfDay())) {
            throw new IllegalArgumentException("file timestamp " + fileTimestamp
                    + " is before the end of the data window " + startDate.plusDays(days));
        }
    }

    /** A builder with every default; only the output directory is required. */
    public static Builder builder(Path outputDirectory) {
        return new Builder(outputDirectory);
    }

    /** Last local day of the window (inclusive). */
    public LocalDate lastDay() {
        return startDate.plusDays(days - 1L);
    }

    /** First local day after the window. */
    public LocalDate endDateExclusive() {
        return startDate.plusDays(days);
    }

    /** Whether the Interval file is scaled for a benchmark. */
    public boolean scalesIntervals() {
        return intervalRows > 0 || intervalBytes > 0;
    }

    /** The day after the window, 06:00: a plausible time for the nightly extract. */
    static LocalDateTime defaultTimestamp(LocalDate startDate, int days) {
        return startDate.plusDays(days).atTime(6, 0);
    }

    /** Builds a {@link GeneratorConfig}; unset values take the documented defaults. */
    public static final class Builder {
        private final Path outputDirectory;
        private long seed = DEFAULT_SEED;
        private String client = DEFAULT_CLIENT;
        private int persons = DEFAULT_PERSONS;
        private LocalDate startDate = DEFAULT_START;
        private int days = DEFAULT_DAYS;
        private int intervalMinutes = DEFAULT_INTERVAL_MINUTES;
        private ZoneId zone = DEFAULT_ZONE;
        private Dialect dialect = Dialect.CSV;
        private boolean gzip;
        private LocalDateTime fileTimestamp;
        private long intervalRows;
        private long intervalBytes;

        private Builder(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder client(String value) {
            this.client = value;
            return this;
        }

        public Builder persons(int value) {
            this.persons = value;
            return this;
        }

        public Builder startDate(LocalDate value) {
            this.startDate = value;
            return this;
        }

        public Builder days(int value) {
            this.days = value;
            return this;
        }

        public Builder intervalMinutes(int value) {
            this.intervalMinutes = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder dialect(Dialect value) {
            this.dialect = value;
            return this;
        }

        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        public Builder fileTimestamp(LocalDateTime value) {
            this.fileTimestamp = value;
            return this;
        }

        public Builder intervalRows(long value) {
            this.intervalRows = value;
            return this;
        }

        public Builder intervalBytes(long value) {
            this.intervalBytes = value;
            return this;
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(seed, client, outputDirectory, persons, startDate, days, intervalMinutes, zone,
                    dialect, gzip, fileTimestamp, intervalRows, intervalBytes);
        }
    }
}
