package org.lfenergy.cds.usage.mapping;

import java.util.Optional;

/**
 * The aggregations this server computes from the read model, each keyed by one source value (docs/usage-mapping.md
 * §7): the {@code kind} column of {@code aggregation_member}, the client-facing number and the CDS AggregationType.
 */
public enum AggregationKind {
    /** Whole building: the contracts of one Premise_ID; number = Premise_ID (the building id). */
    BUILDING("building", "", "building"),
    /** Postal code: the contracts whose premise's {@code zip} attribute is the key; number = {@code ZIP-<zip>}. */
    ZIP("zip", "ZIP-", "region"),
    /** Rate class: contracts whose {@code rate_code} slice is the key; number = {@code RATE-<code>}. */
    RATE("rate", "RATE-", "rateplan_code"),
    /** Program attribute (nem, care, cpp, …): number = {@code PROGRAM-<program number>}. */
    PROGRAM("program", "PROGRAM-", null),
    /** NETWORK (community solar, VNEM): the network's members; number = Network_ID. */
    NETWORK("network", "", "service_program_number");

    private final String code;
    private final String numberPrefix;
    private final String cdsType;

    AggregationKind(String code, String numberPrefix, String cdsType) {
        this.code = code;
        this.numberPrefix = numberPrefix;
        this.cdsType = cdsType;
    }

    /** The {@code kind} value in the tables. */
    public String code() {
        return code;
    }

    /** The client-facing {@code aggregation_number} of the aggregation with this key. */
    public String number(String key) {
        return numberPrefix + key;
    }

    /**
     * The CDS AggregationType naming what the members were chosen by; for programs it depends on the program's
     * level ({@code account_program_number} or {@code service_program_number}).
     */
    public String cdsType(String detail) {
        if (this == PROGRAM) {
            return "account".equals(detail) ? "account_program_number" : "service_program_number";
        }
        return cdsType;
    }

    /**
     * The Aggregation's {@code aggregation_types}: {@code listed} (the object may be published, its data is
     * confidential), the type naming how members were chosen, and {@code premise_number} for a building.
     */
    public java.util.List<String> types(String detail) {
        if (this == BUILDING) {
            return java.util.List.of("listed", "building", "premise_number");
        }
        return java.util.List.of("listed", cdsType(detail));
    }

    /** The kind of a {@code kind} column value. */
    public static Optional<AggregationKind> of(String code) {
        for (AggregationKind k : values()) {
            if (k.code.equals(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
