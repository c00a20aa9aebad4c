package org.lfenergy.cds.contracts.grant;

/**
 * The objects a grant covers, per CDS object kind, derived from its {@code authorization_details} and the
 * customer's selections. A null kind is read as {@link IdSelection#NONE}.
 *
 * @param customerId CDS customer id (CdsIds kind CUSTOMER of the GridX Person_ID) for customer-consent grants;
 *                   null for direct-access grants, where {@code all} means the whole utility
 */
public record Coverage(String customerId, IdSelection accounts, IdSelection serviceContracts,
                       IdSelection servicePoints, IdSelection meterDevices, IdSelection aggregations) {

    /** Covers nothing. */
    public static final Coverage NONE = new Coverage(null, null, null, null, null, null);

    public Coverage {
        accounts = orNone(accounts);
        serviceContracts = orNone(serviceContracts);
        servicePoints = orNone(servicePoints);
        meterDevices = orNone(meterDevices);
        aggregations = orNone(aggregations);
    }

    private static IdSelection orNone(IdSelection s) {
        return s == null ? IdSelection.NONE : s;
    }
}
