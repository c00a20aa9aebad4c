package org.lfenergy.cds.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of billing-service ({@code cds.billing.*}); docs/billing-mapping.md explains every table. */
@ConfigMapping(prefix = "cds.billing")
public interface BillingConfig {

    /** HMAC key shared with the api-gateway for {@code X-CDS-Access-Filter} (≥ 32 bytes; from a secret). */
    String accessFilterKey();

    /** Key of the CDS id derivation ({@code CdsIds}); the same in every service (≥ 32 bytes; from a secret). */
    String idKey();

    /** Public base URL that {@code next}/{@code previous} links start with (the api-gateway). */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** Zone of GridX local times (file-name timestamps) when a client has no entry in {@link #clientZones()}. */
    @WithDefault("America/Los_Angeles")
    ZoneId defaultZone();

    /** Zone per GridX client code. */
    Map<String, ZoneId> clientZones();

    /** ISO 4217 currency of all amounts. */
    @WithDefault("USD")
    String currency();

    /** Country calling code added to national phone numbers to make them E.164. */
    @WithDefault("1")
    String phoneCountryCode();

    /** The utility: account_entity, contract_entity, distribution_entity (and supply_entity when bundled). */
    EntityConfig entity();

    /** ID_type codes of attribute owners, per level of the GridX hierarchy. */
    IdTypes idTypes();

    /** Attribute key (lower case) → CDS field; see docs/billing-mapping.md for the field vocabulary. */
    Map<String, String> attributes();

    /** Attribute value (lower case) → CDS ServiceType, for the {@code service_type} and class fields. */
    Map<String, String> serviceTypes();

    /** GridX Service_status (lower case) → CDS ContractStatus. */
    Map<String, String> serviceStatuses();

    /** Rate code → rate plan name shown to customers (rateplan_name); the code itself when absent. */
    Map<String, String> rateplanNames();

    /** Programs by id, referenced by {@code program.<id>} attribute fields, networks and events. */
    Map<String, ProgramConfig> programs();

    /** GridX Network_type → program id. */
    Map<String, String> networkPrograms();

    /** GridX Event_type → program id. */
    Map<String, String> eventPrograms();

    /** Bill_line_item_field_1 (bill section, upper case) → line item and cost detail types. */
    Map<String, LineSectionConfig> lineSections();

    /** Bill Statement dates, which GridX does not carry. */
    StatementConfig statement();

    /** The projector that rebuilds CDS objects from facts. */
    ProjectorConfig projector();

    /** A CDS Entity. */
    interface EntityConfig {
        /** Server id of the entity. */
        @WithDefault("utility")
        String id();

        /** entity_number (the CDS-WG1-01 coverage entry's number when published). */
        @WithDefault("GRIDX-UTILITY")
        String number();

        /** entity_name. */
        @WithDefault("Utility")
        String name();

        /** entity_abbreviation, null when absent. */
        Optional<String> abbreviation();

        /** EntityTypes. */
        @WithDefault("distributor,supplier,iou")
        List<String> types();
    }

    /** ID_type codes per hierarchy level (upper case). */
    interface IdTypes {
        /** Contract_ID owners. */
        @WithDefault("CT")
        List<String> contract();

        /** ServicePoint_ID owners. */
        @WithDefault("SP")
        List<String> servicePoint();

        /** Premise_ID owners. */
        @WithDefault("PM")
        List<String> premise();

        /** Entity_ID (account) owners. */
        @WithDefault("AC,EN")
        List<String> account();

        /** Person_ID owners. */
        @WithDefault("PE,PR")
        List<String> person();
    }

    /** One program (AccountProgram or ServiceProgram). */
    interface ProgramConfig {
        /** {@code account} (account_programs) or {@code service} (service_programs). */
        @WithDefault("service")
        String level();

        /** program_number; the program id upper-cased when absent. */
        Optional<String> programNumber();

        /** Program type flags besides active/inactive, e.g. low_income, credit_bank, demand_response. */
        Optional<List<String>> types();

        /** name. */
        String name();

        /** description. */
        @WithDefault("")
        String description();

        /** documentation URL. */
        String documentation();

        /** more_info URL. */
        Optional<String> moreInfo();

        /** Attribute values that mean "not enrolled" (lower case). */
        @WithDefault("n,no,false,0")
        List<String> falseValues();
    }

    /** Types of a bill section's lines (field 1 of BILLINGDETAIL). */
    interface LineSectionConfig {
        /** Label of the cost detail subtotal. */
        String name();

        /** BillSectionLineItemTypes. */
        List<String> lineTypes();

        /** BillSectionCostDetailTypes of the subtotal (subtotal is added). */
        List<String> costTypes();
    }

    /** Bill Statement dates. */
    interface StatementConfig {
        /** statement_date = the latest section end date + this many days. */
        @WithDefault("1")
        int issueLagDays();

        /** amount_due_date = statement_date + this many days. */
        @WithDefault("21")
        int dueDays();
    }

    /** Projector settings. */
    interface ProjectorConfig {
        /** Accounts rebuilt per transaction. */
        @WithDefault("200")
        int batchSize();

        /** Pause between polls when nothing is dirty, in milliseconds. */
        @WithDefault("200")
        long idleMillis();
    }
}
