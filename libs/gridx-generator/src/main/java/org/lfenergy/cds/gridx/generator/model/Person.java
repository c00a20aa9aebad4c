package org.lfenergy.cds.gridx.generator.model;

import java.util.List;

/**
 * A person or company (Person_ID, SAP business partner).
 *
 * @param businessName null for a person; first and last name are null for a business
 * @param naics        industry code of a business, or null
 */
public record Person(String personId, String firstName, String lastName, String businessName, String email,
                     String phone, String naics, List<Account> accounts) {

    /** Whether this is a business customer. */
    public boolean business() {
        return businessName != null;
    }
}
