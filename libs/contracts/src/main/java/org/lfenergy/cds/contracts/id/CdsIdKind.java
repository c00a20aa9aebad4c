package org.lfenergy.cds.contracts.id;

/**
 * Kinds of CDS objects that get opaque ids. The prefix makes ids readable in logs and is also hashed into the id:
 * never change a prefix, or every id of that kind changes.
 */
public enum CdsIdKind {
    /** A GridX Person_ID (the customer behind accounts). */
    CUSTOMER("cus"),
    /** CDS Account, from the GridX Entity_ID. */
    ACCOUNT("acc"),
    /** CDS Service Contract, from the GridX Contract_ID. */
    SERVICE_CONTRACT("sc"),
    /** CDS Service Point, from the GridX ServicePoint_ID (or MeterAccount_ID where no service point is sent). */
    SERVICE_POINT("sp"),
    /** CDS Premise, from the GridX Premise_ID. */
    PREMISE("pre"),
    /** CDS Meter Device, from the GridX Meter_ID. */
    METER_DEVICE("md"),
    /** CDS Bill Statement (account and period). */
    BILL_STATEMENT("bst"),
    /** CDS Bill Section, from the GridX Bill_ID. */
    BILL_SECTION("bsc"),
    /** CDS Aggregation. */
    AGGREGATION("agg"),
    /** CDS Usage Segment (series and local day). */
    USAGE_SEGMENT("us"),
    /** CDS Energy Attribute Certificate. */
    EAC("eac");

    private final String prefix;

    CdsIdKind(String prefix) {
        this.prefix = prefix;
    }

    /** The id prefix without separator, e.g. {@code acc}. */
    public String prefix() {
        return prefix;
    }
}
