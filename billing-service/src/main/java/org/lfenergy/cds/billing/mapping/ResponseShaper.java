package org.lfenergy.cds.billing.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/**
 * Removes from a stored CDS object what the request's grant does not enable (CDS-WG3-01 §7.2; digest §14.2):
 * OPTIONAL fields are left out unless their include field is true, related ids are kept only when the grant can
 * see those objects.
 *
 * <p>The stored documents are compact JSON text. A {@link Shape} edits that text as it streams through a parser:
 * untouched fields are copied as they are (no tree, no number conversion, so decimals keep their exact text), and
 * a shape with no edits for the grant copies the document without parsing it at all.
 */
public final class ResponseShaper {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final AccessFilter filter;

    public ResponseShaper(AccessFilter filter) {
        this.filter = filter;
    }

    /** What happens to one field of an object. */
    private sealed interface Edit {
    }

    /** The field is left out. */
    private record Drop() implements Edit {
    }

    /** The field's value becomes null (added at the end when the object lacks it). */
    private record Null() implements Edit {
    }

    /** An array of ids keeps only the ids in the set. */
    private record KeepIds(Set<String> ids) implements Edit {
    }

    /** An array of ids keeps only the per-document visible sections. */
    private record KeepVisibleSections() implements Edit {
    }

    /** Each object of an array gets these edits. */
    private record EachObject(Map<String, Edit> edits) implements Edit {
    }

    private static final Edit DROP = new Drop();

    /** The edits one kind of object gets for this grant. */
    public static final class Shape {

        private final Map<String, Edit> edits;

        private Shape(Map<String, Edit> edits) {
            this.edits = Map.copyOf(edits);
        }

        /** Whether every document is returned unchanged (then it is not parsed). */
        public boolean identity() {
            return edits.isEmpty();
        }

        /**
         * Appends the shaped document to {@code out}.
         *
         * @param visibleSections the bill sections a statement's {@code new_charges[].related_billsections} may
         *                        list (null: not restricted)
         */
        public void write(String doc, Set<String> visibleSections, StringBuilder out) {
            if (edits.isEmpty()) {
                out.append(doc);
                return;
            }
            try (JsonParser p = FACTORY.createParser(doc)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("a stored CDS object is not a JSON object");
                }
                object(p, doc, edits, visibleSections, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An Account. */
    public Shape account() {
        Map<String, Edit> e = new LinkedHashMap<>();
        gate(e, IncludeField.ACCOUNT_NUMBERS, "customer_number", "account_number", "account_entity");
        gate(e, IncludeField.ACCOUNT_DETAILS, "account_name", "account_address", "account_types", "account_status",
                "account_contacts");
        gate(e, IncludeField.ACCOUNT_PROGRAMS, "account_programs");
        return new Shape(e);
    }

    /** A Service Contract. */
    public Shape contract() {
        Map<String, Edit> e = new LinkedHashMap<>();
        gate(e, IncludeField.ACCOUNT_NUMBERS, "account_number");
        gate(e, IncludeField.CONTRACT_NUMBERS, "contract_number", "contract_entity", "gridx_supply_entity");
        gate(e, IncludeField.SERVICE_CONTRACT_DETAILS, "contract_address", "contract_start", "contract_end");
        gate(e, IncludeField.RATE_PLANS, "rateplan_code", "rateplan_name", "gridx_rateplan_history");
        gate(e, IncludeField.SERVICE_PROGRAMS, "service_programs");
        return new Shape(e);
    }

    /**
     * A Bill Statement (account_number is REQUIRED and always kept, digest §18.17). With include_bill_sections,
     * {@code new_charges[].related_billsections} keeps only the sections passed to {@link Shape#write} (another
     * contract's section of the same account may be outside the coverage); without it, that field is left out.
     */
    public Shape statement() {
        Map<String, Edit> e = new LinkedHashMap<>();
        gate(e, IncludeField.BILL_STATEMENT_FILES, "file_uri", "file_mimetype");
        gate(e, IncludeField.BILL_STATEMENT_CHARGES, "previous_balance_amount", "previous_balance_paid",
                "previous_balance_unpaid", "new_charges_amount", "new_charges", "new_balance_amount");
        gate(e, IncludeField.BILL_STATEMENT_PROGRAMS, "account_programs");
        if (!e.containsKey("new_charges")) {
            e.put("new_charges", new EachObject(Map.of("related_billsections",
                    filter.includes(IncludeField.BILL_SECTIONS) ? new KeepVisibleSections() : DROP)));
        }
        return new Shape(e);
    }

    /** A Bill Section. */
    public Shape section() {
        Map<String, Edit> e = new LinkedHashMap<>();
        if (!filter.includes(IncludeField.BILL_STATEMENTS)) {
            e.put("cds_billstatement_id", new Null());
        }
        keepVisible(e, "related_servicepoints", filter.coverage().servicePoints(), IncludeField.SERVICE_POINTS);
        keepVisible(e, "related_meterdevices", filter.coverage().meterDevices(), IncludeField.METER_DEVICES);
        gate(e, IncludeField.BILL_SECTION_PROGRAMS, "service_programs");
        gate(e, IncludeField.BILL_SECTION_LINE_ITEMS, "line_items");
        return new Shape(e);
    }

    private void gate(Map<String, Edit> edits, IncludeField gate, String... fields) {
        if (!filter.includes(gate)) {
            for (String f : fields) {
                edits.put(f, DROP);
            }
        }
    }

    private void keepVisible(Map<String, Edit> edits, String field, IdSelection selection, IncludeField include) {
        if (!filter.includes(include) && !selection.all()) {
            edits.put(field, new KeepIds(Set.copyOf(selection.ids())));
        }
    }

    /** Copies the object at the parser's START_OBJECT into {@code out}, applying {@code edits} to its fields. */
    private static void object(JsonParser p, String doc, Map<String, Edit> edits, Set<String> visible,
                               StringBuilder out) throws IOException {
        out.append('{');
        boolean first = true;
        Set<String> nulled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int fieldStart = (int) p.currentTokenLocation().getCharOffset();
            String name = p.currentName();
            JsonToken value = p.nextToken();
            Edit edit = edits.get(name);
            if (edit instanceof Drop) {
                skip(p);
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            if (edit == null || !(edit instanceof Null) && value != JsonToken.START_ARRAY) {
                // untouched, or an array edit on a value that is not an array: copied as it is
                skip(p);
                out.append(doc, fieldStart, end(p));
                continue;
            }
            name(out, name);
            if (edit instanceof Null) {
                skip(p);
                out.append("null");
                nulled = nulled == null ? new java.util.HashSet<>() : nulled;
                nulled.add(name);
            } else if (edit instanceof KeepIds k) {
                ids(p, k.ids(), out, doc);
            } else if (edit instanceof EachObject each) {
                objects(p, doc, each.edits(), visible, out);
            } else if (visible != null) { // KeepVisibleSections
                ids(p, visible, out, doc);
            } else {
                int start = (int) p.currentTokenLocation().getCharOffset();
                skip(p);
                out.append(doc, start, end(p));
            }
        }
        for (Map.Entry<String, Edit> e : edits.entrySet()) { // an absent field to null is added at the end
            if (e.getValue() instanceof Null && (nulled == null || !nulled.contains(e.getKey()))) {
                out.append(first ? "" : ",");
                first = false;
                name(out, e.getKey());
                out.append("null");
            }
        }
        out.append('}');
    }

    /** An array of objects, each edited; other elements are copied. */
    private static void objects(JsonParser p, String doc, Map<String, Edit> edits, Set<String> visible,
                                StringBuilder out) throws IOException {
        out.append('[');
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.append(first ? "" : ",");
            first = false;
            if (t == JsonToken.START_OBJECT) {
                object(p, doc, edits, visible, out);
            } else {
                int start = (int) p.currentTokenLocation().getCharOffset();
                skip(p);
                out.append(doc, start, end(p));
            }
        }
        out.append(']');
    }

    /** An array of ids keeping the string elements in {@code kept}. */
    private static void ids(JsonParser p, Set<String> kept, StringBuilder out, String doc) throws IOException {
        out.append('[');
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getCharOffset();
            boolean keep = t == JsonToken.VALUE_STRING && kept.contains(p.getText());
            skip(p);
            if (keep) {
                out.append(first ? "" : ",").append(doc, start, end(p));
                first = false;
            }
        }
        out.append(']');
    }

    /** Moves past the value at the current token (a scalar's text is consumed too, so {@link #end} is right). */
    private static void skip(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken();
        }
    }

    /** The offset just after the value the parser last moved past. */
    private static int end(JsonParser p) {
        return (int) p.currentLocation().getCharOffset();
    }

    private static void name(StringBuilder out, String name) {
        out.append('"').append(name).append("\":"); // field names of the edits are plain identifiers
    }
}
