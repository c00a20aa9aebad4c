package org.lfenergy.cds.usage.mapping;

/**
 * A CDS Value Format this server emits, resolved from the channel table.
 *
 * @param id         Value Format id, also the Choice id a grant selects
 * @param type       CDS value type
 * @param units      CDS units
 * @param direction  forward / reverse / net, null when unknown
 * @param demandType CDS demand_type for electric_demand, else null
 * @param valueKey   the Value Object key of the type (eu, ed, gu, wu, fu)
 * @param negate     whether stored (positive) values are served negated: reverse energy flows customer→grid,
 *                   which CDS writes as negative for every direction
 */
public record ValueFormatSpec(String id, String type, String units, String direction, String demandType,
                              String valueKey, boolean negate) {

    /** The Value Object key of a CDS value type, or null for types this server cannot emit from a channel. */
    public static String valueKeyOf(String type) {
        return switch (type) {
            case "electric_usage" -> "eu";
            case "electric_demand" -> "ed";
            case "natural_gas_usage" -> "gu";
            case "water_usage" -> "wu";
            case "fuel_oil_usage" -> "fu";
            default -> null;
        };
    }
}
