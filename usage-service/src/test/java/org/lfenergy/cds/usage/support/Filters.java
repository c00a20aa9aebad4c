package org.lfenergy.cds.usage.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * Access filters signed like the gateway signs them (with the test profile's key). A filter is about one GridX client:
 * unless one is given, the client of the latest {@link Scenario} (each Scenario registers its own).
 */
public final class Filters {

    private static volatile String gridxClient;

    private Filters() {
    }

    /** Filters built without an explicit GridX client are about this one from now on. */
    public static void useGridxClient(String client) {
        gridxClient = client;
    }

    /** The header value of a filter. */
    public static String sign(AccessFilter f) {
        String key = ConfigProvider.getConfig().getValue("cds.access-filter.key", String.class);
        return new AccessFilterCodec(key.getBytes(StandardCharsets.UTF_8)).encode(f);
    }

    /** A filter with this coverage, includes, formats (null = none) and windows. */
    public static AccessFilter filter(Coverage coverage, Set<IncludeField> include, List<String> formats,
                                      DateWindows windows) {
        if (gridxClient == null) {
            throw new IllegalStateException("no GridX client: create a Scenario or call useGridxClient first");
        }
        return filter(gridxClient, coverage, include, formats, windows, null);
    }

    /** A filter about GridX client {@code client}, of a grant created at {@code grantCreated} (null = unknown). */
    public static AccessFilter filter(String client, Coverage coverage, Set<IncludeField> include, List<String> formats,
                                      DateWindows windows, Instant grantCreated) {
        Instant now = Instant.now();
        return new AccessFilter("grant-test", "client-test", client, List.of("cds_test"), coverage, include, formats,
                windows, grantCreated, now, now.plus(Duration.ofMinutes(5)));
    }

    /** Direct access to everything of one kind selected by ids, every include field, all formats. */
    public static String everything(Coverage coverage) {
        return sign(filter(coverage, EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)), List.of(),
                DateWindows.UNBOUNDED));
    }

    /** Coverage selecting these accounts by number (Entity_ID). */
    public static Coverage accounts(String... numbers) {
        return new Coverage(null, IdSelection.ofNumbers(List.of(numbers)), null, null, null, null);
    }
}
