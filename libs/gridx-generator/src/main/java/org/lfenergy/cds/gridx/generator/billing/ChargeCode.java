package org.lfenergy.cds.gridx.generator.billing;

import org.lfenergy.cds.gridx.generator.time.Season;

/**
 * Bill line item codes. Each code has exactly one meaning in every tariff (the Bill Details checklist), and its
 * price in a tariff is the Rate Values entry whose Description starts with the code.
 */
public enum ChargeCode {
    CUST_DAY("Customer charge", "days", "CUSTOMER", null),
    EN_SUM_PK("Summer on-peak energy", "kWh", "ENERGY", "ON_PEAK"),
    EN_SUM_OP("Summer off-peak energy", "kWh", "ENERGY", "OFF_PEAK"),
    EN_WIN_PK("Winter on-peak energy", "kWh", "ENERGY", "ON_PEAK"),
    EN_WIN_OP("Winter off-peak energy", "kWh", "ENERGY", "OFF_PEAK"),
    EN_T1("Energy tier 1 (baseline)", "kWh", "ENERGY", "TIER1"),
    EN_T2("Energy tier 2 (above baseline)", "kWh", "ENERGY", "TIER2"),
    NEM_SUM_PK("NEM export credit summer on-peak", "kWh", "NEM", "ON_PEAK"),
    NEM_SUM_OP("NEM export credit summer off-peak", "kWh", "NEM", "OFF_PEAK"),
    NEM_WIN_PK("NEM export credit winter on-peak", "kWh", "NEM", "ON_PEAK"),
    NEM_WIN_OP("NEM export credit winter off-peak", "kWh", "NEM", "OFF_PEAK"),
    DEM_SUM("Summer maximum demand", "kW", "DEMAND", null),
    DEM_WIN("Winter maximum demand", "kW", "DEMAND", null),
    CPP_EVT("Critical peak pricing event energy", "kWh", "EVENT", null),
    CARE_CR("CARE low-income discount", "kWh", "DISCOUNT", null),
    CS_CR("Community solar credit", "kWh", "CREDIT", null),
    GAS_PROC("Gas procurement", "therm", "SUPPLY", null),
    GAS_T1("Gas transportation tier 1 (baseline)", "therm", "DELIVERY", "TIER1"),
    GAS_T2("Gas transportation tier 2 (above baseline)", "therm", "DELIVERY", "TIER2"),
    // Allowances are rate values that size a tier, not charges; they never appear as line items.
    BASE_SUM("Summer baseline allowance", "kWh per day", null, null),
    BASE_WIN("Winter baseline allowance", "kWh per day", null, null),
    GBASE_SUM("Summer gas baseline allowance", "therm per day", null, null),
    GBASE_WIN("Winter gas baseline allowance", "therm per day", null, null);

    private final String description;
    private final String unit;
    private final String section;
    private final String period;

    ChargeCode(String description, String unit, String section, String period) {
        this.description = description;
        this.unit = unit;
        this.section = section;
        this.period = period;
    }

    /** Human-readable meaning (Bill_line_item_description). */
    public String description() {
        return description;
    }

    /** Unit of the quantity (Bill_line_item_unit), or of the allowance. */
    public String unit() {
        return unit;
    }

    /** Bill section the line belongs to (written to Bill_line_item_field_1); null for allowances. */
    public String section() {
        return section;
    }

    /** Time-of-use period or tier (Bill_line_item_field_3), or null. */
    public String period() {
        return period;
    }

    /** Whether this is an allowance rather than a priced charge. */
    public boolean allowance() {
        return section == null;
    }

    /** The Rate Values description: the code first, so the two files join on it. */
    public String rateDescription() {
        return name() + " " + description + (allowance() ? " (" + unit + ")" : " ($ per " + unit + ")");
    }

    /** The energy code for a season and time-of-use period. */
    public static ChargeCode energy(Season season, boolean peak) {
        if (season == Season.SUMMER) {
            return peak ? EN_SUM_PK : EN_SUM_OP;
        }
        return peak ? EN_WIN_PK : EN_WIN_OP;
    }

    /** The NEM export-credit code for a season and time-of-use period. */
    public static ChargeCode export(Season season, boolean peak) {
        if (season == Season.SUMMER) {
            return peak ? NEM_SUM_PK : NEM_SUM_OP;
        }
        return peak ? NEM_WIN_PK : NEM_WIN_OP;
    }

    /** The demand code of a season. */
    public static ChargeCode demand(Season season) {
        return season == Season.SUMMER ? DEM_SUM : DEM_WIN;
    }
}
