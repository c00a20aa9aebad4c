package org.lfenergy.cds.gateway.service;

import static org.lfenergy.cds.contracts.grant.IncludeField.ACCOUNTS;
import static org.lfenergy.cds.contracts.grant.IncludeField.AGGREGATIONS;
import static org.lfenergy.cds.contracts.grant.IncludeField.BILL_SECTIONS;
import static org.lfenergy.cds.contracts.grant.IncludeField.BILL_STATEMENTS;
import static org.lfenergy.cds.contracts.grant.IncludeField.EACS;
import static org.lfenergy.cds.contracts.grant.IncludeField.METER_DEVICES;
import static org.lfenergy.cds.contracts.grant.IncludeField.SERVICE_CONTRACTS;
import static org.lfenergy.cds.contracts.grant.IncludeField.SERVICE_POINTS;
import static org.lfenergy.cds.contracts.grant.IncludeField.USAGE_SEGMENTS;

import java.util.Optional;
import java.util.Set;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * The nine CDS data APIs (docs/api-paths.md): public path, the service that serves it and the {@code include_*}
 * field that gives a grant access to its objects (CDS-WG3-01 §7.2).
 */
public enum DataApi {
    ACCOUNTS_API("accounts", "cds_accounts_api", UpstreamService.BILLING, ACCOUNTS, "cds_accounts cds_query_accounts"),
    SERVICE_CONTRACTS_API("service-contracts", "cds_servicecontracts_api", UpstreamService.BILLING, SERVICE_CONTRACTS,
            "cds_service_contracts cds_query_service_contracts"),
    BILL_STATEMENTS_API("bill-statements", "cds_billstatement_api", UpstreamService.BILLING, BILL_STATEMENTS,
            "cds_bill_statements cds_query_bill_statements"),
    BILL_SECTIONS_API("bill-sections", "cds_billsection_api", UpstreamService.BILLING, BILL_SECTIONS,
            "cds_service_bills cds_query_bill_sections"),
    SERVICE_POINTS_API("service-points", "cds_servicepoints_api", UpstreamService.USAGE, SERVICE_POINTS,
            "cds_query_service_points"),
    METER_DEVICES_API("meter-devices", "cds_meterdevices_api", UpstreamService.USAGE, METER_DEVICES,
            "cds_meters cds_query_meter_devices"),
    USAGE_SEGMENTS_API("usage-segments", "cds_usagesegments_api", UpstreamService.USAGE, USAGE_SEGMENTS,
            "cds_usage cds_query_usage"),
    AGGREGATIONS_API("aggregations", "cds_aggregations_api", UpstreamService.USAGE, AGGREGATIONS,
            "cds_query_aggregations"),
    EACS_API("eacs", "cds_eacs_api", UpstreamService.USAGE, EACS, "");

    /** Path prefix of every data API. */
    public static final String BASE_PATH = "/cds/v1/";

    private final String segment;
    private final String metadataField;
    private final UpstreamService upstream;
    private final IncludeField objects;
    private final String scopeHint;

    DataApi(String segment, String metadataField, UpstreamService upstream, IncludeField objects, String scopeHint) {
        this.segment = segment;
        this.metadataField = metadataField;
        this.upstream = upstream;
        this.objects = objects;
        this.scopeHint = scopeHint;
    }

    /** Public path, e.g. {@code /cds/v1/accounts}. */
    public String path() {
        return BASE_PATH + segment;
    }

    /** Short name used as the metrics route tag, e.g. {@code accounts}. */
    public String segment() {
        return segment;
    }

    /** The server-metadata field advertising this API's URL. */
    public String metadataField() {
        return metadataField;
    }

    /** The service that serves it. */
    public UpstreamService upstream() {
        return upstream;
    }

    /** The {@code include_*} field that exposes this API's objects. */
    public IncludeField objects() {
        return objects;
    }

    /** Scope types that expose it by default (the {@code scope} of a 403 challenge); empty when none does. */
    public String scopeHint() {
        return scopeHint;
    }

    /**
     * Whether a grant whose true {@code include_*} fields are {@code include} may read this API. CDS-WG3-01 §7.2:
     * service points are also included when both service contracts and meter devices are.
     */
    public boolean exposedBy(Set<IncludeField> include) {
        if (include.contains(objects)) {
            return true;
        }
        return this == SERVICE_POINTS_API && include.contains(SERVICE_CONTRACTS) && include.contains(METER_DEVICES);
    }

    /** The API a normalized request path belongs to: its own path or anything below it. */
    public static Optional<DataApi> forPath(String path) {
        if (path == null || !path.startsWith(BASE_PATH)) {
            return Optional.empty();
        }
        for (DataApi api : values()) {
            String p = api.path();
            if (path.equals(p) || path.startsWith(p + "/")) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }
}
