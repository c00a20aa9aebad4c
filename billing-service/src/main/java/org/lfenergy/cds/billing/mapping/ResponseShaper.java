package org.lfenergy.cds.billing.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * Removes from a stored CDS object what the request's grant does not enable (CDS-WG3-01 §7.2; digest §14.2):
 * OPTIONAL fields are left out unless their include field is true, related ids are kept only when the grant can
 * see those objects.
 */
public final class ResponseShaper {

    private final AccessFilter filter;

    public ResponseShaper(AccessFilter filter) {
        this.filter = filter;
    }

    /** An Account. */
    public ObjectNode account(ObjectNode o) {
        gate(o, IncludeField.ACCOUNT_NUMBERS, "customer_number", "account_number", "account_entity");
        gate(o, IncludeField.ACCOUNT_DETAILS, "account_name", "account_address", "account_types", "account_status",
                "account_contacts");
        gate(o, IncludeField.ACCOUNT_PROGRAMS, "account_programs");
        return o;
    }

    /** A Service Contract. */
    public ObjectNode contract(ObjectNode o) {
        gate(o, IncludeField.ACCOUNT_NUMBERS, "account_number");
        gate(o, IncludeField.CONTRACT_NUMBERS, "contract_number", "contract_entity", "gridx_supply_entity");
        gate(o, IncludeField.SERVICE_CONTRACT_DETAILS, "contract_address", "contract_start", "contract_end");
        gate(o, IncludeField.RATE_PLANS, "rateplan_code", "rateplan_name", "gridx_rateplan_history");
        gate(o, IncludeField.SERVICE_PROGRAMS, "service_programs");
        return o;
    }

    /** A Bill Statement (account_number is REQUIRED and always kept, digest §18.17). */
    public ObjectNode statement(ObjectNode o) {
        if (!filter.includes(IncludeField.BILL_STATEMENT_FILES)) {
            o.remove(Set.of("file_uri", "file_mimetype"));
        }
        gate(o, IncludeField.BILL_STATEMENT_CHARGES, "previous_balance_amount", "previous_balance_paid",
                "previous_balance_unpaid", "new_charges_amount", "new_charges", "new_balance_amount");
        gate(o, IncludeField.BILL_STATEMENT_PROGRAMS, "account_programs");
        if (!filter.includes(IncludeField.BILL_SECTIONS) && o.get("new_charges") instanceof ArrayNode charges) {
            for (JsonNode c : charges) {
                ((ObjectNode) c).remove("related_billsections");
            }
        }
        return o;
    }

    /**
     * Keeps in a Bill Statement's {@code new_charges[].related_billsections} only the sections in {@code visible}
     * (those the grant may see: another contract's section of the same account may be outside the coverage).
     */
    public void keepRelatedSections(ObjectNode statement, Set<String> visible) {
        if (!(statement.get("new_charges") instanceof ArrayNode charges)) {
            return;
        }
        for (JsonNode c : charges) {
            if (c.get("related_billsections") instanceof ArrayNode ids) {
                ArrayNode kept = ids.arrayNode();
                ids.forEach(id -> {
                    if (visible.contains(id.asText())) {
                        kept.add(id);
                    }
                });
                ((ObjectNode) c).set("related_billsections", kept);
            }
        }
    }

    /** A Bill Section. */
    public ObjectNode section(ObjectNode o) {
        if (!filter.includes(IncludeField.BILL_STATEMENTS)) {
            o.putNull("cds_billstatement_id");
        }
        keepVisible(o, "related_servicepoints", filter.coverage().servicePoints(), IncludeField.SERVICE_POINTS);
        keepVisible(o, "related_meterdevices", filter.coverage().meterDevices(), IncludeField.METER_DEVICES);
        gate(o, IncludeField.BILL_SECTION_PROGRAMS, "service_programs");
        gate(o, IncludeField.BILL_SECTION_LINE_ITEMS, "line_items");
        return o;
    }

    private void gate(ObjectNode o, IncludeField gate, String... fields) {
        if (!filter.includes(gate)) {
            o.remove(Set.of(fields));
        }
    }

    private void keepVisible(ObjectNode o, String field, IdSelection selection, IncludeField include) {
        if (!(o.get(field) instanceof ArrayNode ids) || filter.includes(include) || selection.all()) {
            return;
        }
        ArrayNode kept = o.arrayNode();
        for (JsonNode id : ids) {
            if (selection.ids().contains(id.asText())) {
                kept.add(id);
            }
        }
        o.set(field, kept);
    }
}
