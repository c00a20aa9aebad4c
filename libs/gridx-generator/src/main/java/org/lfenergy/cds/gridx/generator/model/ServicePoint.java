package org.lfenergy.cds.gridx.generator.model;

/**
 * A point of delivery at a premise (ServicePoint_ID "starts with 6").
 *
 * @param voltage null for gas
 * @param phase   null for gas
 */
public record ServicePoint(String id, Premise premise, Commodity commodity, String latitude, String longitude,
                           String voltage, String phase) {
}
