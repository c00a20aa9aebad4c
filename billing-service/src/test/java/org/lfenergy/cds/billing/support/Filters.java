package org.lfenergy.cds.billing.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    private static final byte[] KEY = "test-access-filter-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    public static final AccessFilterCodec CODEC = new AccessFilterCodec(KEY);

    private Filters() {
    }

    /** Every include field except UNKNOWN. */
    public static Set<IncludeField> everything() {
        Set<IncludeField> all = EnumSet.allOf(IncludeField.class);
        all.remove(IncludeField.UNKNOWN);
        return all;
    }

    /** A signed filter covering these accounts and contracts of GridX client {@code gridxClient}. */
    public static String signed(String gridxClient, List<String> accounts, List<String> contracts,
                                Set<IncludeField> include, DateWindows windows) {
        return signed(gridxClient, new Coverage(null, IdSelection.ofIds(accounts), IdSelection.ofIds(contracts), null,
                null, null), include, windows);
    }

    /** A signed filter with any coverage of GridX client {@code gridxClient}. */
    public static String signed(String gridxClient, Coverage coverage, Set<IncludeField> include,
                                DateWindows windows) {
        return signed(gridxClient, coverage, include, windows, null);
    }

    /** A signed filter of a grant created at {@code grantCreated} (null = unknown). */
    public static String signed(String gridxClient, Coverage coverage, Set<IncludeField> include, DateWindows windows,
                                Instant grantCreated) {
        Instant now = Instant.now();
        return CODEC.encode(new AccessFilter("grant-1", "client-1", gridxClient, List.of("cds_test_1"), coverage,
                include, null, windows, grantCreated, now, now.plus(Duration.ofMinutes(5))));
    }

    /**
     * A correctly signed header whose JSON is {@code signed} with a top-level field changed: removed ({@code value}
     * null) or replaced by a JSON literal. Shows what a service does with a filter the gateway would never build.
     */
    public static String signedWithField(String signed, String field, String jsonValue) {
        try {
            String payload = signed.substring(0, signed.indexOf('.'));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(Base64.getUrlDecoder().decode(payload));
            if (jsonValue == null) {
                o.remove(field);
            } else {
                o.set(field, json.readTree(jsonValue));
            }
            String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(o));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return changed + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(changed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
