package org.lfenergy.cds.gridx.generator.model;

/**
 * Parameters of a meter account's usage model.
 *
 * @param scale   multiplier on the profile's typical size
 * @param solarKw rooftop or array size in kW DC; 0 without solar
 */
public record Consumption(LoadProfile profile, double scale, double solarKw) {
}
