package org.lfenergy.cds.usage.service;

import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.repository.Sql;

/**
 * Turns an {@link AccessFilter} into SQL predicates over the read model, so that access is decided by the database
 * together with the request's own filters (ARCHITECTURE §5).
 *
 * <p>Coverage is evaluated on the contract row ({@code contract} alias given by the caller): the contract belongs
 * to the filter's GridX client ({@link AccessFilter#gridxClient()}: source numbers and {@code all} mean nothing across
 * GridX clients) and to the grant's customer (when the grant has one), and its account, the contract itself or its
 * service point is selected (all, by CDS id, by source number, or, with include-future, as created after the grant).
 * A meter selection covers exactly that meter's objects, on contracts of the same client and customer.
 *
 * <p>Which related ids may be shown: a kind is shown when its {@code include_*} field is true (CDS §7.2 includes the
 * objects referenced by included objects) or the grant selects objects of that kind directly; ids are shown only
 * for covered objects.
 */
public final class AccessScope {

    private final AccessFilter filter;
    private final Coverage coverage;

    public AccessScope(AccessFilter filter) {
        if (filter.gridxClient() == null || filter.gridxClient().isBlank()) {
            throw new IllegalArgumentException("access filter without gridx_client"); // AccessFilter refuses it too
        }
        this.filter = filter;
        this.coverage = filter.coverage();
    }

    /** The filter. */
    public AccessFilter filter() {
        return filter;
    }

    /** Whether an include field is true. */
    public boolean includes(IncludeField f) {
        return filter.includes(f);
    }

    /** Service points are listed and their ids shown. */
    public boolean showsServicePoints() {
        return includes(IncludeField.SERVICE_POINTS)
                || (includes(IncludeField.METER_DEVICES) && includes(IncludeField.SERVICE_CONTRACTS))
                || !coverage.servicePoints().isEmpty();
    }

    /** Meter devices are listed and their ids shown. */
    public boolean showsMeterDevices() {
        return includes(IncludeField.METER_DEVICES) || !coverage.meterDevices().isEmpty();
    }

    /** Service contract ids are shown in related lists. */
    public boolean showsServiceContracts() {
        return includes(IncludeField.SERVICE_CONTRACTS) || !coverage.serviceContracts().isEmpty();
    }

    /** Account ids are shown in related lists. */
    public boolean showsAccounts() {
        return includes(IncludeField.ACCOUNTS) || !coverage.accounts().isEmpty();
    }

    /** Usage segments are listed. */
    public boolean showsUsageSegments() {
        return includes(IncludeField.USAGE_SEGMENTS);
    }

    /** Aggregations are listed and their ids shown. */
    public boolean showsAggregations() {
        return includes(IncludeField.AGGREGATIONS) || !coverage.aggregations().isEmpty();
    }

    /** EACs are listed. */
    public boolean showsEacs() {
        return includes(IncludeField.EACS);
    }

    /**
     * Appends {@code AND (contract covered without counting meter selections)} for contract alias {@code c}.
     * With {@code meterSelectionCovers} a contract whose meter account had a selected meter installed counts too.
     */
    public void appendContractCovered(Sql sql, String c, boolean meterSelectionCovers) {
        sql.append(" AND (");
        appendCustomer(sql, c);
        sql.append(" AND (");
        appendAccountSelected(sql, c);
        sql.append(" OR ");
        appendContractSelected(sql, c);
        sql.append(" OR ");
        appendServicePointSelected(sql, c);
        if (meterSelectionCovers) {
            sql.append(" OR EXISTS (SELECT 1 FROM meter_install mi_cov WHERE mi_cov.client = ").append(c)
                    .append(".client AND mi_cov.meter_account_id = ").append(c).append(".meter_account_id AND ");
            appendSelection(sql, coverage.meterDevices(), "mi_cov.cds_meterdevice_id", "mi_cov.meter_id",
                    "(SELECT md_cov.created FROM meter_device md_cov WHERE md_cov.client = mi_cov.client"
                            + " AND md_cov.meter_id = mi_cov.meter_id)");
            sql.append(")");
        }
        sql.append("))");
    }

    /**
     * Appends the predicate "the contract belongs to the filter's GridX client and, when the grant has one, to its
     * customer". Every coverage test starts with it.
     */
    public void appendCustomer(Sql sql, String c) {
        sql.append("(").append(c).append(".client = ").appendParam(filter.gridxClient());
        if (coverage.customerId() != null) {
            sql.append(" AND ").append(c).append(".cds_customer_id = ").appendParam(coverage.customerId());
        }
        sql.append(")");
    }

    /** Appends "the contract is selected directly" (for related service contract ids). */
    public void appendContractSelected(Sql sql, String c) {
        appendSelection(sql, coverage.serviceContracts(), c + ".cds_servicecontract_id", c + ".contract_id",
                c + ".created");
    }

    /** Appends "the meter is selected" over a CDS id, a Meter_ID and a meter creation expression. */
    public void appendMeterSelected(Sql sql, String idExpr, String numberExpr, String createdExpr) {
        appendSelection(sql, coverage.meterDevices(), idExpr, numberExpr, createdExpr);
    }

    /** Appends "the service point is selected" for a contract alias. */
    public void appendServicePointSelected(Sql sql, String c) {
        appendSelection(sql, coverage.servicePoints(), c + ".cds_servicepoint_id",
                "coalesce(" + c + ".servicepoint_id, " + c + ".meter_account_id)", c + ".created");
    }

    /** Appends "the account is selected" for a contract alias. */
    public void appendAccountSelected(Sql sql, String c) {
        appendSelection(sql, coverage.accounts(), c + ".cds_account_id", c + ".entity_id",
                "(SELECT min(c_acc.created) FROM contract c_acc WHERE c_acc.cds_account_id = " + c
                        + ".cds_account_id)");
    }

    /**
     * Appends "the aggregation is selected" over a CDS id and an aggregation_number expression. Aggregations have no
     * creation time of their own, so include-future selects none of them by itself.
     */
    public void appendAggregationSelected(Sql sql, String idExpr, String numberExpr) {
        appendSelection(sql, coverage.aggregations(), idExpr, numberExpr, "NULL::timestamptz");
    }

    /**
     * Selected: all, by CDS id, by source number, or (include-future, with a customer and the grant's creation time)
     * created after the grant. Callers apply {@link #appendCustomer} to the same row, which limits every branch to the
     * filter's GridX client and customer.
     */
    private void appendSelection(Sql sql, IdSelection s, String idExpr, String numberExpr, String createdExpr) {
        if (s.all()) {
            sql.append("TRUE");
            return;
        }
        boolean future = s.includeFuture() && coverage.customerId() != null && filter.grantCreated() != null;
        if (s.ids().isEmpty() && s.numbers().isEmpty() && !future) {
            sql.append("FALSE");
            return;
        }
        sql.append("(").append(idExpr).append(" = ANY(").appendParam(s.ids().toArray(String[]::new))
                .append("::text[]) OR ").append(numberExpr).append(" = ANY(")
                .appendParam(s.numbers().toArray(String[]::new)).append("::text[])");
        if (future) {
            sql.append(" OR ").append(createdExpr).append(" > ")
                    .appendParam(filter.grantCreated().atOffset(java.time.ZoneOffset.UTC));
        }
        sql.append(")");
    }
}
