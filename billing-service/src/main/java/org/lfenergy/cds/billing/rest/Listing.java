package org.lfenergy.cds.billing.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The four list APIs this service answers, with the URL parameters each accepts (CDS-WG3-01 §10.1, 10.2, 10.5, 10.6). */
public enum Listing {
    ACCOUNTS("/cds/v1/accounts", "accounts",
            list("cds_account_ids"), list("customer_numbers"), list("account_numbers"),
            enumList("account_statuses", "active", "suspended", "closed", "unknown"), text("q")),
    SERVICE_CONTRACTS("/cds/v1/service-contracts", "service_contracts",
            list("cds_servicecontract_ids"), list("account_numbers"), list("contract_numbers"),
            enumList("contract_statuses", "active", "paused", "stopped", "closed", "unknown"),
            enumList("contract_types", "utility_service", "project", "billed_monthly", "billed_quarterly"),
            enumList("service_types", "electric", "water", "natural_gas", "fuel_oil", "waste_water", "solid_waste",
                    "residential", "commercial", "industrial", "agriculture", "metered", "unmetered", "distribution",
                    "supply", "generation"),
            text("q")),
    BILL_STATEMENTS("/cds/v1/bill-statements", "bill_statements",
            list("cds_billstatement_ids"), date("before"), date("after"), list("cds_account_ids"),
            list("account_numbers")),
    BILL_SECTIONS("/cds/v1/bill-sections", "bill_sections",
            list("cds_billsection_ids"), date("before"), date("after"), list("cds_billstatement_ids"),
            list("cds_account_ids"), list("account_numbers"), list("cds_servicecontract_ids"),
            list("contract_numbers"));

    /** Paging parameters this server adds to every list (opaque cursor of next/previous, page size). */
    public static final String CURSOR = "cursor";
    public static final String LIMIT = "limit";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Kinds of URL parameter values. */
    public enum Kind { LIST, ENUM_LIST, DATE, TEXT }

    /** One URL parameter. */
    public record Parameter(String name, Kind kind, Set<String> values) {
    }

    private final String path;
    private final String listKey;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    Listing(String path, String listKey, Parameter... parameters) {
        this.path = path;
        this.listKey = listKey;
        for (Parameter p : parameters) {
            this.parameters.put(p.name(), p);
        }
    }

    /** Internal path (the same as the public one behind the gateway). */
    public String path() {
        return path;
    }

    /** Key of the array in the response. */
    public String listKey() {
        return listKey;
    }

    /** Filter parameters of the spec, in spec order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Every accepted parameter name: the spec's filters plus cursor and limit. */
    public List<String> acceptedNames() {
        List<String> names = new java.util.ArrayList<>(parameters.keySet());
        names.add(CURSOR);
        names.add(LIMIT);
        return names;
    }

    private static Parameter list(String name) {
        return new Parameter(name, Kind.LIST, Set.of());
    }

    private static Parameter enumList(String name, String... values) {
        return new Parameter(name, Kind.ENUM_LIST, Set.of(values));
    }

    private static Parameter date(String name) {
        return new Parameter(name, Kind.DATE, Set.of());
    }

    private static Parameter text(String name) {
        return new Parameter(name, Kind.TEXT, Set.of());
    }
}
