package org.lfenergy.cds.billing.service;


import org.lfenergy.cds.billing.repository.SqlParams;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * The access filter as SQL (ARCHITECTURE §5, CDS-WG3-01 §7.2): which accounts, contracts, statements and sections
 * a request may see. Everything is restricted to the coverage's customer when it has one. Fail closed: an empty
 * selection selects nothing; {@code include_future} alone selects nothing (the filter does not say when the grant
 * was created).
 */
public final class AccessConditions {

    private final AccessFilter filter;
    private final SqlParams params;

    public AccessConditions(AccessFilter filter, SqlParams params) {
        this.filter = filter;
        this.params = params;
    }

    /** The coverage's customer restriction on a table with a customer_id column. */
    public String customer(String alias) {
        String customer = filter.coverage().customerId();
        return customer == null ? "TRUE" : alias + ".customer_id = " + params.add(customer);
    }

    /** Accounts selected directly, by id or account number. */
    public String accountSelected(String idColumn, String numberColumn) {
        return selection(filter.coverage().accounts(), idColumn, numberColumn);
    }

    /** Contracts selected directly, by id, contract number, or their service point. */
    public String contractSelected(String alias) {
        return "(" + selection(filter.coverage().serviceContracts(), alias + ".cds_servicecontract_id",
                alias + ".contract_number") + " OR " + selection(filter.coverage().servicePoints(),
                alias + ".cds_servicepoint_id", null) + ")";
    }

    /** Whether the Account with this id / number may be seen. */
    public String accountVisible(String idColumn, String numberColumn) {
        String direct = accountSelected(idColumn, numberColumn);
        if (!filter.includes(IncludeField.ACCOUNTS)) {
            return direct;
        }
        return "(" + direct + " OR EXISTS (SELECT 1 FROM service_contract s2 WHERE s2.cds_account_id = " + idColumn
                + " AND " + customer("s2") + " AND " + contractSelected("s2") + "))";
    }

    /** Whether a service contract row {@code alias} may be seen. */
    public String contractVisible(String alias) {
        String direct = contractSelected(alias);
        if (!filter.includes(IncludeField.SERVICE_CONTRACTS)) {
            return "(" + customer(alias) + " AND " + direct + ")";
        }
        return "(" + customer(alias) + " AND (" + direct + " OR " + accountSelected(alias + ".cds_account_id",
                alias + ".account_number") + "))";
    }

    /** Accounts API. */
    public String accounts(String alias) {
        return "(" + customer(alias) + " AND " + accountVisible(alias + ".cds_account_id", alias + ".account_number")
                + syncUntil(alias) + ")";
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
        StringBuilder sb = new StringBuilder("(").append(customer(alias)).append(" AND ")
                .append(accountVisible(alias + ".cds_account_id", alias + ".account_number"));
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
        StringBuilder sb = new StringBuilder("(").append(customer(alias)).append(" AND ")
                .append(accountVisible(alias + ".cds_account_id", alias + ".account_number"))
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

    /** sync_until: nothing that became valid after it. */
    private String syncUntil(String alias) {
        if (filter.windows().syncUntil() == null) {
            return "";
        }
        return " AND " + alias + ".cds_created <= " + params.add(filter.windows().syncUntil()) + "::timestamptz";
    }

    private String selection(IdSelection s, String idColumn, String numberColumn) {
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
        return sb.append(")").toString();
    }

    /** Whether a URL filter on a gated field may be applied (else it matches nothing, so it cannot probe). */
    public boolean sees(IncludeField gate) {
        return filter.includes(gate);
    }

}
