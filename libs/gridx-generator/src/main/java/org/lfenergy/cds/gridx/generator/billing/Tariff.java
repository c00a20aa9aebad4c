package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.lfenergy.cds.gridx.generator.model.Commodity;

/**
 * The rate plans of the generated utility, loosely modelled on California tariffs (E-1 residential tiered, E-TOU-C
 * residential time-of-use, B-19 medium commercial time-of-use with demand, G-1 residential gas), with their prices
 * in the first price year. Prices have at most two decimals (demand one), and billed quantities are whole units
 * (demand one decimal), so quantity x price is an exact cent amount without rounding.
 */
public enum Tariff {
    E1("E-1", Commodity.ELECTRIC, Structure.TIERED,
            "CUST_DAY=0.33 EN_T1=0.33 EN_T2=0.41 BASE_SUM=13.8 BASE_WIN=11.2 CARE_CR=-0.12 CS_CR=-0.10"),
    ETOUC("E-TOU-C", Commodity.ELECTRIC, Structure.TIME_OF_USE,
            "CUST_DAY=0.33 EN_SUM_PK=0.52 EN_SUM_OP=0.42 EN_WIN_PK=0.40 EN_WIN_OP=0.37"
                    + " NEM_SUM_PK=-0.49 NEM_SUM_OP=-0.39 NEM_WIN_PK=-0.37 NEM_WIN_OP=-0.34"
                    + " CARE_CR=-0.12 CS_CR=-0.10"),
    B19("B-19", Commodity.ELECTRIC, Structure.TIME_OF_USE_DEMAND,
            "CUST_DAY=6.57 EN_SUM_PK=0.36 EN_SUM_OP=0.21 EN_WIN_PK=0.25 EN_WIN_OP=0.19 DEM_SUM=32.5 DEM_WIN=18.6"
                    + " CPP_EVT=0.90 CS_CR=-0.10"),
    G1("G-1", Commodity.GAS, Structure.GAS_TIERED,
            "GAS_PROC=0.72 GAS_T1=1.45 GAS_T2=1.94 GBASE_SUM=0.5 GBASE_WIN=1.9");

    /** How a tariff turns usage into line items. */
    public enum Structure { TIERED, TIME_OF_USE, TIME_OF_USE_DEMAND, GAS_TIERED }

    private final String rateCode;
    private final Commodity commodity;
    private final Structure structure;
    private final Map<ChargeCode, BigDecimal> basePrices;

    Tariff(String rateCode, Commodity commodity, Structure structure, String prices) {
        this.rateCode = rateCode;
        this.commodity = commodity;
        this.structure = structure;
        Map<ChargeCode, BigDecimal> map = new EnumMap<>(ChargeCode.class);
        for (String entry : prices.split(" ")) {
            String[] kv = entry.split("=");
            map.put(ChargeCode.valueOf(kv[0]), new BigDecimal(kv[1]));
        }
        this.basePrices = Collections.unmodifiableMap(map);
    }

    /** The rate code as the CIS spells it (Bill_rate_code, rate_code attribute, Rate_Plan). */
    public String rateCode() {
        return rateCode;
    }

    /** Electric or gas. */
    public Commodity commodity() {
        return commodity;
    }

    /** How usage becomes line items. */
    public Structure structure() {
        return structure;
    }

    /** Charge codes and allowances with their first-year values, in code order. */
    public Map<ChargeCode, BigDecimal> basePrices() {
        return basePrices;
    }

    /** Whether the tariff has this charge or allowance. */
    public boolean has(ChargeCode code) {
        return basePrices.containsKey(code);
    }

    /** The tariff with this rate code. */
    public static Tariff of(String rateCode) {
        for (Tariff t : values()) {
            if (t.rateCode.equals(rateCode)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown rate code " + rateCode);
    }
}
