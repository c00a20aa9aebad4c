package org.lfenergy.cds.usage.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.config.UsageConfig.IntervalTimestamp;

/**
 * Time conventions per GridX client: the zone whose local days cut segments, and whether an interval timestamp
 * marks the start or the end of the interval (the GridX specification says utilities differ).
 */
@ApplicationScoped
public class UsageTime {

    private final UsageConfig config;
    private final ZoneId defaultZone;
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public UsageTime(UsageConfig config) {
        this.config = config;
        this.defaultZone = ZoneId.of(config.defaultTimeZone());
    }

    /**
     * The zone of a row's local day: its Time_zone when that is a region id (America/Los_Angeles), else the
     * client's configured zone, else the default (rows in UTC or with a bare offset, e.g. in a repeated hour).
     */
    public ZoneId zoneOf(String client, String rowTimeZone) {
        if (rowTimeZone != null && !rowTimeZone.isBlank()) {
            ZoneId z = zones.computeIfAbsent(rowTimeZone, UsageTime::regionOrNull);
            if (z != NONE) {
                return z;
            }
        }
        return clientZone(client);
    }

    /** The client's configured zone, else the default. */
    public ZoneId clientZone(String client) {
        UsageConfig.ClientSettings s = config.clients().get(client);
        if (s != null && s.timeZone().isPresent()) {
            return ZoneId.of(s.timeZone().get());
        }
        return defaultZone;
    }

    /** The client's interval timestamp convention. */
    public IntervalTimestamp convention(String client) {
        UsageConfig.ClientSettings s = config.clients().get(client);
        if (s != null && s.intervalTimestamp().isPresent()) {
            return s.intervalTimestamp().get();
        }
        return config.defaultIntervalTimestamp();
    }

    /** Start of the interval a timestamp belongs to under the client's convention. */
    public Instant intervalStart(String client, Instant timestamp, int intervalMinutes) {
        return convention(client) == IntervalTimestamp.END ? timestamp.minusSeconds(intervalMinutes * 60L) : timestamp;
    }

    private static final ZoneId NONE = ZoneOffset.ofHours(18); // marker: not a region id

    private static ZoneId regionOrNull(String id) {
        try {
            ZoneId z = ZoneId.of(id.trim());
            return z instanceof ZoneOffset || "UTC".equalsIgnoreCase(id.trim()) || "Z".equals(id.trim()) ? NONE : z;
        } catch (DateTimeException e) {
            return NONE;
        }
    }
}
