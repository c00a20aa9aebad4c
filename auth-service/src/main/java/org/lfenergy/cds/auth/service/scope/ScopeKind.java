package org.lfenergy.cds.auth.service.scope;

/** What a CDS scope is for; decides which Client Object it lives on and how tokens for it are issued. */
public enum ScopeKind {
    /** {@code cds_client_admin}: the Clients, Messages, Credentials and Grants APIs. */
    CLIENT_ADMIN,
    /** {@code cds_grant_admin}: tokens for an existing Grant. */
    GRANT_ADMIN,
    /** {@code cds_server_provided_files}: server-created file Grants only. */
    SERVER_PROVIDED_FILES,
    /** WG3 customer consent scope (authorization code flow). */
    CUSTOMER_CONSENT,
    /** WG3 direct access scope (client credentials flow). */
    DIRECT_ACCESS
}
