package org.lfenergy.cds.billing.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/** Access filters as the gateway would sign them (with the test profile's key). */
public final class Filters {

    public static final AccessFilterCodec CODEC = new AccessFilterCodec(
            "test-access-filter-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private Filters() {
    }

    /** Every include field except UNKNOWN. */
    public static Set<IncludeField> everything() {
        Set<IncludeField> all = EnumSet.allOf(IncludeField.class);
        all.remove(IncludeField.UNKNOWN);
        return all;
    }

    /** A signed filter covering these accounts and contracts. */
    public static String signed(List<String> accounts, List<String> contracts, Set<IncludeField> include,
                                DateWindows windows) {
        return signed(new Coverage(null, IdSelection.ofIds(accounts), IdSelection.ofIds(contracts), null, null, null),
                include, windows);
    }

    /** A signed filter with any coverage. */
    public static String signed(Coverage coverage, Set<IncludeField> include, DateWindows windows) {
        Instant now = Instant.now();
        return CODEC.encode(new AccessFilter("grant-1", "client-1", List.of("cds_test_1"), coverage, include, null,
                windows, now, now.plus(Duration.ofMinutes(5))));
    }
}
