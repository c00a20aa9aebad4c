package org.lfenergy.cds.billing.messaging;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extract time of a GridX file, from the {@code yyyyMMddHHmmss} timestamp in its name, read in the client's
 * zone. It is the time the CIS vouched for the rows of the file, so it dates {@code cds_created},
 * {@code cds_modified} and {@code cds_synced} (not the time this service happened to consume the event, which
 * differs between replays).
 */
public final class FileTimes {

    private static final Pattern STAMP = Pattern.compile("_(\\d{14})(?:\\.[A-Za-z0-9]+)*$");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private final ZoneId defaultZone;
    private final Map<String, ZoneId> clientZones;

    public FileTimes(ZoneId defaultZone, Map<String, ZoneId> clientZones) {
        this.defaultZone = defaultZone;
        this.clientZones = Map.copyOf(clientZones);
    }

    /** The zone of a client's local times. */
    public ZoneId zoneOf(String client) {
        return clientZones.getOrDefault(client, defaultZone);
    }

    /** The file's extract instant, if its name carries a valid timestamp. */
    public Optional<Instant> extractTime(String client, String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = STAMP.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), FORMAT).atZone(zoneOf(client)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
