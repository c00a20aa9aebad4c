package org.lfenergy.cds.auth.service.model;

/** Which kind of scopes a Client Object holds; objects of different kinds never share scopes. */
public enum ClientKind {
    CLIENT_ADMIN, GRANT_ADMIN, SERVER_PROVIDED_FILES, CUSTOMER_CONSENT, DIRECT_ACCESS
}
