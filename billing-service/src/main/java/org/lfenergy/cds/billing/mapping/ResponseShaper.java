package org.lfenergy.cds.billing.mapping;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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
 * <p>The stored documents are compact JSON text, read as UTF-8 bytes. A {@link Shape} edits those bytes in one
 * scan: untouched fields are copied as they are (no tree, no token objects, no number conversion, so decimals keep
 * their exact text), and a shape with no edits for the grant copies the document without scanning it at all.
 */
public final class ResponseShaper {

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
         * Appends the shaped document (UTF-8 JSON text) to {@code out}, which may keep a reference to {@code doc}:
         * the array must not change afterwards.
         *
         * @param visibleSections the bill sections a statement's {@code new_charges[].related_billsections} may
         *                        list (null: not restricted)
         */
        public void write(byte[] doc, Set<String> visibleSections, Body out) {
            if (edits.isEmpty()) {
                out.appendBytes(doc);
                return;
            }
            int i = ws(doc, 0);
            if (i >= doc.length || doc[i] != '{') {
                throw new IllegalStateException("a stored CDS object is not a JSON object");
            }
            object(doc, i, edits, visibleSections, out, true);
        }

        /** {@link #write(byte[], Set, Body)} on text. */
        public void write(String doc, Set<String> visibleSections, StringBuilder out) {
            Body bytes = new Body();
            write(doc.getBytes(StandardCharsets.UTF_8), visibleSections, bytes);
            out.append(bytes);
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

    /*
     * The document is scanned as UTF-8 bytes: every byte JSON gives a meaning to is ASCII, and no byte of a multi-byte
     * UTF-8 sequence is ASCII, so the structure is found without decoding the text. The stored documents are the
     * service's own JSON; a byte where JSON allows none fails the request (IllegalStateException), never guessed at.
     */

    /**
     * Copies the object starting at {@code i} (its '{') into {@code out}, applying {@code edits} to its fields;
     * returns the index after its '}'. A kept field is copied from its name to the end of its value, as stored.
     * In the document itself ({@code whole}), once every edited field has been met the rest of the document is
     * copied as stored, unscanned (the stored objects are the service's own JSON, one field per name): a page of
     * bill sections whose grant only nulls {@code cds_billstatement_id}, the fifth field, scans a few dozen bytes
     * of each 4 KB section.
     */
    private static int object(byte[] d, int i, Map<String, Edit> edits, Set<String> visible, Body out,
                              boolean whole) {
        out.appendByte((byte) '{');
        boolean first = true;
        Set<String> nulled = null;
        int unmet = edits.size();
        i = ws(d, i + 1);
        if (at(d, i) == '}') {
            i++;
        } else {
            while (true) {
                if (at(d, i) != '"') {
                    throw malformed(i);
                }
                int fieldStart = i;
                int nameEnd = string(d, i);
                Edit edit = edits.get(text(d, fieldStart, nameEnd));
                if (edit != null) {
                    unmet--;
                }
                i = ws(d, nameEnd);
                if (at(d, i) != ':') {
                    throw malformed(i);
                }
                int valueStart = ws(d, i + 1);
                int valueEnd = value(d, valueStart);
                if (!(edit instanceof Drop)) {
                    if (!first) {
                        out.appendByte((byte) ',');
                    }
                    first = false;
                    if (edit == null || !(edit instanceof Null) && d[valueStart] != '[') {
                        // untouched, or an array edit on a value that is not an array: copied as it is
                        out.appendBytes(d, fieldStart, valueEnd - fieldStart);
                    } else {
                        out.appendBytes(d, fieldStart, nameEnd - fieldStart).appendByte((byte) ':');
                        if (edit instanceof Null) {
                            out.appendBytes(NULL);
                            nulled = nulled == null ? new HashSet<>() : nulled;
                            nulled.add(text(d, fieldStart, nameEnd));
                        } else if (edit instanceof KeepIds k) {
                            ids(d, valueStart, k.ids(), out);
                        } else if (edit instanceof EachObject each) {
                            objects(d, valueStart, each.edits(), visible, out);
                        } else if (visible != null) { // KeepVisibleSections
                            ids(d, valueStart, visible, out);
                        } else {
                            out.appendBytes(d, valueStart, valueEnd - valueStart);
                        }
                    }
                }
                i = ws(d, valueEnd);
                byte c = at(d, i++);
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw malformed(i - 1);
                }
                i = ws(d, i);
                if (whole && unmet == 0) { // nothing left to edit: the other fields as stored
                    int close = lastNonWs(d);
                    if (d[close] != '}' || close < i) {
                        throw malformed(close);
                    }
                    int end = close;
                    while (isWs(d[end - 1])) {
                        end--;
                    }
                    if (!first) {
                        out.appendByte((byte) ',');
                    }
                    out.appendBytes(d, i, end - i).appendByte((byte) '}');
                    return close + 1;
                }
            }
        }
        for (Map.Entry<String, Edit> e : edits.entrySet()) { // an absent field to null is added at the end
            if (e.getValue() instanceof Null && (nulled == null || !nulled.contains(e.getKey()))) {
                if (!first) {
                    out.appendByte((byte) ',');
                }
                first = false;
                // field names of the edits are plain identifiers
                out.appendByte((byte) '"').appendString(e.getKey()).appendBytes(QUOTE_COLON).appendBytes(NULL);
            }
        }
        out.appendByte((byte) '}');
        return i;
    }

    /** An array (at {@code i}, its '[') of objects, each edited; other elements are copied. */
    private static void objects(byte[] d, int i, Map<String, Edit> edits, Set<String> visible, Body out) {
        out.appendByte((byte) '[');
        boolean[] first = {true};
        elements(d, i, start -> {
            if (!first[0]) {
                out.appendByte((byte) ',');
            }
            first[0] = false;
            if (d[start] == '{') {
                return object(d, start, edits, visible, out, false);
            }
            int end = value(d, start);
            out.appendBytes(d, start, end - start);
            return end;
        });
        out.appendByte((byte) ']');
    }

    /** An array of ids (at {@code i}, its '[') keeping the string elements in {@code kept}. */
    private static void ids(byte[] d, int i, Set<String> kept, Body out) {
        out.appendByte((byte) '[');
        boolean[] first = {true};
        elements(d, i, start -> {
            int end = value(d, start);
            if (d[start] == '"' && kept.contains(text(d, start, end))) {
                if (!first[0]) {
                    out.appendByte((byte) ',');
                }
                first[0] = false;
                out.appendBytes(d, start, end - start);
            }
            return end;
        });
        out.appendByte((byte) ']');
    }

    /** Handles one array element starting at {@code start}; returns the index after it. */
    @FunctionalInterface
    private interface Element {
        int at(int start);
    }

    /** Walks the elements of the array whose '[' is at {@code i}, checking the separators between them. */
    private static void elements(byte[] d, int i, Element element) {
        i = ws(d, i + 1);
        if (at(d, i) == ']') {
            return;
        }
        while (true) {
            i = ws(d, element.at(i));
            byte c = at(d, i++);
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw malformed(i - 1);
            }
            i = ws(d, i);
        }
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE_COLON = "\":".getBytes(StandardCharsets.US_ASCII);

    /** The index after the JSON value starting at {@code i}. */
    static int value(byte[] d, int i) {
        byte c = at(d, i);
        if (c == '"') {
            return string(d, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (true) {
                c = at(d, i);
                if (c == '"') {
                    i = string(d, i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
        }
        if (c == ',' || c == '}' || c == ']' || c == ':' || isWs(c)) {
            throw malformed(i);
        }
        while (i < d.length && (c = d[i]) != ',' && c != '}' && c != ']' && !isWs(c)) { // number, true, false, null
            i++;
        }
        return i;
    }

    /** The index after the string starting at {@code i} (its opening quote). */
    static int string(byte[] d, int i) {
        i++;
        while (true) {
            byte c = at(d, i);
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
    }

    /** The value of the string between {@code start} (its opening quote) and {@code end} (after its closing quote). */
    static String text(byte[] d, int start, int end) {
        String raw = new String(d, start + 1, end - start - 2, StandardCharsets.UTF_8);
        return raw.indexOf('\\') < 0 ? raw : unescape(raw);
    }

    private static String unescape(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(raw, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> sb.append(e); // '"', '\\', '/'
            }
        }
        return sb.toString();
    }

    private static int lastNonWs(byte[] d) {
        int i = d.length - 1;
        while (i > 0 && isWs(d[i])) {
            i--;
        }
        return i;
    }

    private static int ws(byte[] d, int i) {
        while (i < d.length && isWs(d[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWs(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static byte at(byte[] d, int i) {
        if (i >= d.length) {
            throw malformed(i);
        }
        return d[i];
    }

    private static IllegalStateException malformed(int i) {
        return new IllegalStateException("a stored CDS object is not valid JSON at byte " + i);
    }
}
