package org.lfenergy.cds.billing.service;

import org.lfenergy.cds.billing.repository.SqlParams;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * The access filter as SQL (ARCHITECTURE §5, CDS-WG3-01 §7.2): which accounts, contracts, statements and sections
 * a request may see.
 *
 * <p>Every row a request sees belongs to the filter's GridX client ({@link AccessFilter#gridxClient()}) and, when the
 * coverage has one, to its customer ({@link #owned}): source numbers and {@code all} are meaningful only within one
 * GridX client, so no selection can reach another client's rows. Fail closed: an empty selection selects nothing;
 * {@code include_future} selects the customer's objects created ({@code cds_created}) after the grant, and nothing
 * without a customer or without the grant's creation time.
 */
public final class AccessConditions {

    private final AccessFilter filter;
    private final SqlParams params;
    private String client;
    private String customer;
    private String grantCreated;

    public AccessConditions(AccessFilter filter, SqlParams params) {
        if (filter.gridxClient() == null || filter.gridxClient().isBlank()) {
            throw new IllegalArgumentException("access filter without gridx_client"); // AccessFilter refuses it too
        }
        this.filter = filter;
        this.params = params;
    }

    /**
     * The row {@code alias} (a table with client and customer_id columns) belongs to the filter's GridX client and,
     * when the coverage has one, to its customer.
     */
    public String owned(String alias) {
        if (client == null) {
            client = params.add(filter.gridxClient());
        }
        StringBuilder sb = new StringBuilder("(").append(alias).append(".client = ").append(client);
        if (filter.coverage().customerId() != null) {
            if (customer == null) {
                customer = params.add(filter.coverage().customerId());
            }
            sb.append(" AND ").append(alias).append(".customer_id = ").append(customer);
        }
        return sb.append(")").toString();
    }

    /**
     * Accounts selected directly, by id, account number or (include future) as created after the grant.
     * {@code createdExpr} is the account's cds_created.
     */
    public String accountSelected(String idColumn, String numberColumn, String createdExpr) {
        return selection(filter.coverage().accounts(), idColumn, numberColumn, createdExpr);
    }

    /** Contracts (service_contract row {@code alias}) selected directly, by id, contract number, or service point. */
    public String contractSelected(String alias) {
        return "(" + selection(filter.coverage().serviceContracts(), alias + ".cds_servicecontract_id",
                alias + ".contract_number", alias + ".cds_created") + " OR "
                + selection(filter.coverage().servicePoints(), alias + ".cds_servicepoint_id", null,
                alias + ".cds_created") + ")";
    }

    /** Whether the Account with this id / number / cds_created, of an owned row, may be seen. */
    public String accountVisible(String idColumn, String numberColumn, String createdExpr) {
        String direct = accountSelected(idColumn, numberColumn, createdExpr);
        if (!filter.includes(IncludeField.ACCOUNTS)) {
            return direct;
        }
        return "(" + direct + " OR EXISTS (SELECT 1 FROM service_contract s2 WHERE s2.cds_account_id = " + idColumn
                + " AND " + owned("s2") + " AND " + contractSelected("s2") + "))";
    }

    /** Whether a service contract row {@code alias} may be seen. */
    public String contractVisible(String alias) {
        String direct = contractSelected(alias);
        if (!filter.includes(IncludeField.SERVICE_CONTRACTS)) {
            return "(" + owned(alias) + " AND " + direct + ")";
        }
        return "(" + owned(alias) + " AND (" + direct + " OR " + accountSelected(alias + ".cds_account_id",
                alias + ".account_number", accountCreated(alias)) + "))";
    }

    /** Accounts API. */
    public String accounts(String alias) {
        return "(" + owned(alias) + " AND " + accountVisible(alias + ".cds_account_id", alias + ".account_number",
                alias + ".cds_created") + syncUntil(alias) + ")";
    }

    /** Service Contracts API. */
    public String contracts(String alias) {
        return "(" + contractVisible(alias) + syncUntil(alias) + ")";
    }

    /** Bill Statements API: include_bill_statements and an accessible account, inside the statement window. */
    public String statements(String alias) {
        if (!filter.includes(IncludeField.BILL_STATEMENTS)) {
            return "FALSE";
        }
        StringBuilder sb = new StringBuilder("(").append(owned(alias)).append(" AND ")
                .append(accountVisible(alias + ".cds_account_id", alias + ".account_number", accountCreated(alias)));
        if (filter.windows().statementDateStart() != null) {
            sb.append(" AND ").append(alias).append(".statement_date >= ")
                    .append(params.add(filter.windows().statementDateStart())).append("::date");
        }
        if (filter.windows().statementDateEnd() != null) {
            sb.append(" AND ").append(alias).append(".statement_date <= ")
                    .append(params.add(filter.windows().statementDateEnd())).append("::date");
        }
        return sb.append(syncUntil(alias)).append(")").toString();
    }

    /**
     * Bill Sections API: include_bill_sections, an accessible account and an accessible related contract, inside
     * the start_date / end_date window.
     */
    public String sections(String alias) {
        if (!filter.includes(IncludeField.BILL_SECTIONS)) {
            return "FALSE";
        }
        StringBuilder sb = new StringBuilder("(").append(owned(alias)).append(" AND ")
                .append(accountVisible(alias + ".cds_account_id", alias + ".account_number", accountCreated(alias)))
                .append(" AND EXISTS (SELECT 1 FROM service_contract s3 WHERE s3.cds_servicecontract_id = ")
                .append(alias).append(".cds_servicecontract_id AND ").append(contractVisible("s3")).append(")");
        if (filter.windows().startDate() != null) {
            sb.append(" AND ").append(alias).append(".start_date >= ").append(params.add(filter.windows().startDate()))
                    .append("::date");
        }
        if (filter.windows().endDate() != null) {
            sb.append(" AND ").append(alias).append(".end_date <= ").append(params.add(filter.windows().endDate()))
                    .append("::date");
        }
        return sb.append(syncUntil(alias)).append(")").toString();
    }

    /** The cds_created of the account of row {@code alias} (only evaluated for include-future selections). */
    private static String accountCreated(String alias) {
        return "(SELECT fa.cds_created FROM account fa WHERE fa.cds_account_id = " + alias + ".cds_account_id)";
    }

    /** sync_until: nothing that became valid after it. */
    private String syncUntil(String alias) {
        if (filter.windows().syncUntil() == null) {
            return "";
        }
        return " AND " + alias + ".cds_created <= " + params.add(filter.windows().syncUntil()) + "::timestamptz";
    }

    private String selection(IdSelection s, String idColumn, String numberColumn, String createdExpr) {
        if (s.all()) {
            return "TRUE";
        }
        StringBuilder sb = new StringBuilder("(FALSE");
        if (!s.ids().isEmpty()) {
            sb.append(" OR ").append(idColumn).append(" = ANY(").append(params.add(s.ids())).append(")");
        }
        if (numberColumn != null && !s.numbers().isEmpty()) {
            sb.append(" OR ").append(numberColumn).append(" = ANY(").append(params.add(s.numbers())).append(")");
        }
        if (s.includeFuture() && filter.coverage().customerId() != null && filter.grantCreated() != null) {
            // CDS "include future": the customer's objects that appeared after the grant was created (the customer
            // restriction itself is in owned(), which every caller applies to the row)
            if (grantCreated == null) {
                grantCreated = params.add(filter.grantCreated().atOffset(java.time.ZoneOffset.UTC)) + "::timestamptz";
            }
            sb.append(" OR ").append(createdExpr).append(" > ").append(grantCreated);
        }
        return sb.append(")").toString();
    }

    /** Whether a URL filter on a gated field may be applied (else it matches nothing, so it cannot probe). */
    public boolean sees(IncludeField gate) {
        return filter.includes(gate);
    }
}
