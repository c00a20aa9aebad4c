package org.lfenergy.cds.usage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the metering read model and its CDS endpoints (prefix {@code usage}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    /** Zone of the local days when a row's Time_zone is {@code UTC} or an offset and its client has no zone. */
    @WithDefault("America/Los_Angeles")
    String defaultTimeZone();

    /** Per GridX client settings, keyed by client code (e.g. {@code DEMO}). */
    Map<String, ClientSettings> clients();

    /** Interval timestamp convention of clients without their own setting. */
    @WithDefault("START")
    IntervalTimestamp defaultIntervalTimestamp();

    /** Channel → CDS value format table, keyed by the GridX Channel value (e.g. {@code KWH_DEL}). */
    Map<String, ChannelFormat> channels();

    /** Id of the derived net electric_usage format served when forward and reverse channels are both present. */
    @WithDefault("electric_usage_net")
    String netFormatId();

    /** Id prefix of register (meter_readings) formats. */
    @WithDefault("meter_readings")
    String registerFormatId();

    /**
     * The server's usage value types (the Choice ids of {@code include_usage_segment_value_types} that auth-service
     * advertises, e.g. {@code electric_intervals_kwh}) → the value formats each one opens: a format id opens that
     * format of the daily interval segments, {@code <id>.*} the billed-period (determinant) formats of that channel
     * format. Choice ids not listed here are matched against format ids directly.
     */
    Map<String, List<String>> valueTypes();

    /** GridX Data_version → CDS ReadingQualityType; unmapped versions leave the quality out. */
    Map<String, String> quality();

    /**
     * Page size when the request gives no {@code limit}; also the maximum, except for usage segments
     * ({@link #segmentMaxLimit()}).
     */
    @WithDefault("100")
    int pageSize();

    /**
     * Largest {@code limit} of a Usage Segments page (default 400: a meter-year in one request, i.e. a leap year of one
     * meter's daily segments plus its 12 or 13 billed periods and a few register-only days or meter-swap days; a
     * request without {@code limit} still gets {@link #pageSize()}). The spec only forbids truncating a result of 100
     * objects or fewer, so a larger page is allowed.
     */
    @WithDefault("400")
    int segmentMaxLimit();

    /** Aggregations settings. */
    Aggregations aggregations();

    /** The consumer of the INTERVAL topic (its own threads, not the messaging connector: docs/usage-mapping.md). */
    IntervalConsumer intervals();

    /** Settings of one GridX client. */
    interface ClientSettings {
        /** Whether Datetime_of_interval marks the START or the END of the interval for this client. */
        Optional<IntervalTimestamp> intervalTimestamp();

        /** IANA zone of this client's local days (used when rows carry UTC or an offset). */
        Optional<String> timeZone();
    }

    /** What a GridX interval timestamp marks. */
    enum IntervalTimestamp { START, END }

    /** One CDS value format a channel maps to. */
    interface ChannelFormat {
        /** The Value Format id (also the Choice id a grant selects it by). */
        String id();

        /** CDS value type: electric_usage, electric_demand, natural_gas_usage, water_usage, fuel_oil_usage. */
        String type();

        /** CDS units, e.g. kWh, kW, therm, gal. */
        String units();

        /** CDS direction (forward, reverse, net) for electric types; absent when unknown. */
        Optional<String> direction();

        /** CDS demand_type for electric_demand. */
        @WithName("demand-type")
        Optional<String> demandType();
    }

    /** Aggregation settings. */
    interface Aggregations {
        /** Fewest members an aggregation must have before its data is served (anonymity threshold). */
        @WithDefault("10")
        int minMembers();

        /** Largest share (0..1) one customer may have of any aggregated value (second anonymity rule). */
        @WithDefault("0.5")
        java.math.BigDecimal maxMemberShare();

        /** Program attributes (CUSTOMERATTRIBUTE Key at CT level, e.g. {@code nem}) that form program aggregations. */
        Map<String, Program> programs();

        /** Developer documentation of the anonymity rule (the Consent Requirement's {@code documentation}). */
        String consentDocumentation();
    }

    /** One program aggregation fed by a contract attribute. */
    interface Program {
        /** The program number (aggregation {@code account_program_numbers}/{@code service_program_numbers}). */
        String number();

        /** {@code account} or {@code service}: which CDS program list the number belongs to. */
        @WithDefault("service")
        String level();
    }

    /** The INTERVAL topic's consumer: plain Kafka consumers on threads of their own, in the group {@code kafka.group.id}. */
    interface IntervalConsumer {
        /** Whether the service consumes the INTERVAL topic at all (off: a read-only replica or a benchmark). */
        @WithDefault("true")
        boolean enabled();

        /** The topic. */
        @WithDefault("gridx.intervals.v1")
        String topic();

        /**
         * Consumers (each on its own thread, decoding and writing its own batches) sharing the topic's partitions;
         * more than the topic has partitions leaves the extra ones idle.
         */
        @WithDefault("2")
        int concurrency();

        /** Records per polled batch (one upsert per batch and table). */
        @WithDefault("5000")
        int maxPollRecords();

        /** How long one poll waits for records. */
        @WithDefault("1s")
        java.time.Duration pollTimeout();

        /**
         * Kafka's {@code max.poll.interval.ms}: the longest a batch may take (its writes retry for up to ~5 minutes
         * while PostgreSQL is down) before the group gives its partitions to another member.
         */
        @WithDefault("10m")
        java.time.Duration maxPollInterval();

        /** Longest wait before a failed batch is handled again (the wait doubles from 200 ms up to this). */
        @WithDefault("30s")
        java.time.Duration maxRetryBackoff();
    }
}
