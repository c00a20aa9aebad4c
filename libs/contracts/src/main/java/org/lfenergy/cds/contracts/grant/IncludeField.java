package org.lfenergy.cds.contracts.grant;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;

/**
 * The CDS {@code include_*} authorization-details fields (CDS-WG3-01 §7.2); a set of these lists the ones that are
 * true. {@code include_usage_segment_value_types} is a choice list in CDS; its presence here means "not null" and
 * the chosen formats travel separately.
 */
public enum IncludeField {
    ACCOUNTS, ACCOUNT_NUMBERS, ACCOUNT_DETAILS, ACCOUNT_PROGRAMS,
    SERVICE_CONTRACTS, CONTRACT_NUMBERS, RATE_PLANS, SERVICE_CONTRACT_DETAILS, SERVICE_PROGRAMS,
    SERVICE_POINTS, PREMISES, SERVICE_POINT_ADDRESSES, COORDINATES,
    METER_DEVICES, METER_NUMBERS, METER_APPS,
    BILL_STATEMENTS, BILL_STATEMENT_FILES, BILL_STATEMENT_CHARGES, BILL_STATEMENT_PROGRAMS,
    BILL_SECTIONS, BILL_SECTION_LINE_ITEMS, BILL_SECTION_PROGRAMS,
    AGGREGATIONS, AGGREGATION_ADDRESSES,
    USAGE_SEGMENTS, USAGE_SEGMENT_VALUE_TYPES,
    EACS,
    /** A field this consumer's version does not know: grants nothing. */
    @JsonEnumDefaultValue UNKNOWN;

    private final String wireName = "include_" + name().toLowerCase(Locale.ROOT);

    /** The CDS field name, e.g. {@code include_account_numbers}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** An unmodifiable copy in declaration order (stable JSON), empty for null. */
    public static Set<IncludeField> immutableSet(Collection<IncludeField> fields) {
        if (fields == null || fields.isEmpty()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(fields));
    }

    /** The field for a CDS name such as {@code include_meter_numbers}, if known. */
    public static Optional<IncludeField> fromWireName(String name) {
        for (IncludeField f : values()) {
            if (f != UNKNOWN && f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
