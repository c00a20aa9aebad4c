package org.lfenergy.cds.auth.service.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer's changes to a request on the Authorization Form ({@code allow_scope_modifications}, WG3 §7.4 and
 * §9.2). A Request Section whose scopes carry {@code allow_scope_modifications: true} is editable:
 *
 * <ul>
 *   <li>the customer may remove the section (form field {@code s<i>.keep} unticked), but not every section;</li>
 *   <li>the customer may leave out any included-data field the client asked for ({@code include_*} booleans that are
 *   {@code true}; form field {@code s<i>.data}, one value {@code <scope>.<field>} per field kept).</li>
 * </ul>
 *
 * Changes only narrow the request: a customer never gives more than the client asked for. A section that is not
 * editable must not carry {@code s<i>.keep} or {@code s<i>.data}, and an editable one must not name a field it was
 * not offered: either is a forged modification, refused with {@code invalid_authorization_details}.
 *
 * @param removed       scope ids of the removed sections
 * @param droppedFields per kept scope id, the included-data fields the customer turned off
 */
public record Modifications(Set<String> removed, Map<String, Set<String>> droppedFields) {

    /** No change. */
    public static final Modifications NONE = new Modifications(Set.of(), Map.of());

    /** A modification the request does not allow, or that names something the form did not offer. */
    public static class Forged extends RuntimeException {
        public Forged(String message) {
            super(message);
        }
    }

    /** Form field: ticked while the section is kept. */
    public static String keepField(int section) {
        return "s" + section + ".keep";
    }

    /** Form field: one value {@code <scope>.<field>} per included-data field kept. */
    public static String dataField(int section) {
        return "s" + section + ".data";
    }

    /** Whether the customer may edit this section (merged scopes agree on the flag; validation checked it). */
    public static boolean editable(Preselection.Section section) {
        return !section.readOnly()
                && section.entries().stream().allMatch(e -> e.path("allow_scope_modifications").asBoolean(false));
    }

    /**
     * The included-data fields the customer may leave out of one scope: every {@code include_*} boolean of the
     * effective request that is {@code true}, in the request's order.
     */
    public static List<String> offeredFields(JsonNode effective) {
        List<String> out = new ArrayList<>();
        effective.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("include_") && effective.get(name).isBoolean() && effective.get(name).booleanValue()) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * Reads the customer's changes from the posted form.
     *
     * @param effective per scope id, the effective authorization details shown on the form
     * @throws Forged when a non-editable section carries changes or a field was not offered
     */
    public static Modifications parse(List<Preselection.Section> sections, Map<String, JsonNode> effective,
            Map<String, List<String>> form) {
        Set<String> removed = new LinkedHashSet<>();
        Map<String, Set<String>> dropped = new LinkedHashMap<>();
        for (Preselection.Section section : sections) {
            List<String> keep = form.get(keepField(section.index()));
            List<String> data = form.get(dataField(section.index()));
            if (!editable(section)) {
                if (keep != null || data != null) {
                    throw new Forged("the request " + String.join(", ", section.scopeIds())
                            + " may not be modified (allow_scope_modifications is false)");
                }
                continue;
            }
            Map<String, String> offered = new LinkedHashMap<>();
            for (String scope : section.scopeIds()) {
                for (String field : offeredFields(effective.getOrDefault(scope, section.entries().get(0)))) {
                    offered.put(scope + "." + field, scope);
                }
            }
            Set<String> kept = new LinkedHashSet<>(data == null ? List.of() : data);
            for (String value : kept) {
                if (!offered.containsKey(value)) {
                    throw new Forged("the form did not offer " + value + " for " + String.join(", ",
                            section.scopeIds()) + ": a customer may only leave out data the client asked for");
                }
            }
            if (keep == null || !keep.contains("on")) {
                removed.addAll(section.scopeIds());
                continue;
            }
            offered.forEach((value, scope) -> {
                if (!kept.contains(value)) {
                    dropped.computeIfAbsent(scope, k -> new LinkedHashSet<>())
                            .add(value.substring(scope.length() + 1));
                }
            });
        }
        return new Modifications(Set.copyOf(removed), Map.copyOf(dropped));
    }

    /** Whether nothing is left to approve. */
    public boolean removesAll(List<Preselection.Section> sections) {
        return sections.stream().allMatch(s -> removed.containsAll(s.scopeIds()));
    }

    /** The scopes that remain. */
    public List<String> scopes(List<String> requested) {
        return requested.stream().filter(s -> !removed.contains(s)).toList();
    }

    /** The sections that remain. */
    public List<Preselection.Section> sections(List<Preselection.Section> all) {
        return all.stream().filter(s -> !removed.containsAll(s.scopeIds())).toList();
    }

    /** The authorization details of the Grant: removed scopes left out, dropped fields {@code false}. */
    public ArrayNode apply(ArrayNode details) {
        ArrayNode out = details.arrayNode();
        for (JsonNode entry : details) {
            String type = entry.path("type").asText();
            if (removed.contains(type)) {
                continue;
            }
            ObjectNode copy = entry.deepCopy();
            droppedFields.getOrDefault(type, Set.of()).forEach(f -> copy.put(f, false));
            out.add(copy);
        }
        return out;
    }
}
