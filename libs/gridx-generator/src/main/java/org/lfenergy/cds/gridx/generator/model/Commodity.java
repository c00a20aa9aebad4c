package org.lfenergy.cds.gridx.generator.model;

/** What a contract delivers. */
public enum Commodity {
    ELECTRIC("electric"), GAS("gas");

    private final String attributeValue;

    Commodity(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value of the {@code service_type} attribute. */
    public String attributeValue() {
        return attributeValue;
    }
}
