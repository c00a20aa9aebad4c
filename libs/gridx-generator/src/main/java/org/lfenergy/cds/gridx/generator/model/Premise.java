package org.lfenergy.cds.gridx.generator.model;

/** A service address (Premise_ID "starts with 7", as in SAP). */
public record Premise(String id, String address, String city, String state, String zip) {
}
