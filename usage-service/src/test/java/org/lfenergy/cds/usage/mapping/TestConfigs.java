package org.lfenergy.cds.usage.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lfenergy.cds.usage.config.UsageConfig;

/** The default channel table and settings as plain objects for unit tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static UsageConfig.ChannelFormat format(String id, String type, String units, String direction,
                                                   String demandType) {
        return new UsageConfig.ChannelFormat() {
            public String id() { return id; }
            public String type() { return type; }
            public String units() { return units; }
            public Optional<String> direction() { return Optional.ofNullable(direction); }
            public Optional<String> demandType() { return Optional.ofNullable(demandType); }
        };
    }

    public static ChannelFormats channels() {
        Map<String, UsageConfig.ChannelFormat> m = new LinkedHashMap<>();
        m.put("KWH_DEL", format("electric_usage_forward", "electric_usage", "kWh", "forward", null));
        m.put("KWH_REC", format("electric_usage_reverse", "electric_usage", "kWh", "reverse", null));
        m.put("KW_MAX", format("electric_demand_peak", "electric_demand", "kW", null, "peak"));
        m.put("THERM_DEL", format("natural_gas_usage", "natural_gas_usage", "therm", null, null));
        return new ChannelFormats(m, "electric_usage_net");
    }

    public static QualityMapping quality() {
        return new QualityMapping(Map.of("A", "revenue", "E", "estimated"));
    }

    public static UsageConfig config(UsageConfig.IntervalTimestamp convention, Map<String, UsageConfig.ClientSettings> clients) {
        return new UsageConfig() {
            public String defaultTimeZone() { return "America/Los_Angeles"; }
            public Map<String, ClientSettings> clients() { return clients; }
            public IntervalTimestamp defaultIntervalTimestamp() { return convention; }
            public Map<String, ChannelFormat> channels() { return Map.of(); }
            public String netFormatId() { return "electric_usage_net"; }
            public String registerFormatId() { return "meter_readings"; }
            public Map<String, String> quality() { return Map.of(); }
            public Map<String, java.util.List<String>> valueTypes() { return Map.of(); }
            public int pageSize() { return 100; }
            public int segmentMaxLimit() { return 400; }
            public Aggregations aggregations() { return null; }
            public IntervalConsumer intervals() { return null; }
        };
    }

    public static UsageConfig.ClientSettings client(UsageConfig.IntervalTimestamp convention, String zone) {
        return new UsageConfig.ClientSettings() {
            public Optional<UsageConfig.IntervalTimestamp> intervalTimestamp() { return Optional.ofNullable(convention); }
            public Optional<String> timeZone() { return Optional.ofNullable(zone); }
        };
    }
}
