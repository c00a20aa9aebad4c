package org.lfenergy.cds.gridx.generator.model;

/** Member_type values of the Network file. */
public enum MemberRole {
    /** The member whose generation is shared out. */
    HOST,
    /** A member receiving a fixed share of the host's generation. */
    SUBSCRIBER
}
