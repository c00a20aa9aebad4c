package org.lfenergy.cds.gridx.generator.model;

import java.util.List;

/** A customer account (Entity_ID, SAP contract account) holding one or more contracts. */
public record Account(String entityId, List<Contract> contracts) {
}
