package org.lfenergy.cds.gridx.format.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.Rule;

/**
 * Maps a file's header to the canonical columns: names are trimmed and compared case-insensitively, with runs of
 * spaces treated like an underscore (so "Event duration" and "EVENT_DURATION" both match), in any order.
 */
final class HeaderMap {

    private final int[] positionOf;
    private final int width;
    private final List<Finding> findings;
    private final boolean failed;

    private HeaderMap(int[] positionOf, int width, List<Finding> findings, boolean failed) {
        this.positionOf = positionOf;
        this.width = width;
        this.findings = findings;
        this.failed = failed;
    }

    static HeaderMap build(String file, long line, GridxFileType type, List<String> names) {
        List<String> canonical = type.headers();
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < canonical.size(); i++) {
            byKey.put(key(canonical.get(i)), i);
        }
        int[] positionOf = new int[canonical.size()];
        Arrays.fill(positionOf, -1);
        List<Finding> findings = new ArrayList<>();
        boolean failed = false;
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p).trim();
            if (name.isEmpty()) {
                findings.add(Rule.FILE_HEADER_BLANK.finding(file, line, null, "",
                        "Header field " + (p + 1) + " is empty; its values are ignored"));
                continue;
            }
            Integer c = byKey.get(key(name));
            if (c == null) {
                findings.add(Rule.FILE_HEADER_UNKNOWN.finding(file, line, name, name, "Column '" + name
                        + "' is not part of the " + type + " specification; its values are ignored"));
            } else if (positionOf[c] >= 0) {
                failed = true;
                findings.add(Rule.FILE_HEADER_DUPLICATE.finding(file, line, canonical.get(c), name, "Column "
                        + canonical.get(c) + " appears twice (fields " + (positionOf[c] + 1) + " and " + (p + 1) + ")"));
            } else {
                positionOf[c] = p;
            }
        }
        for (int c = 0; c < canonical.size(); c++) {
            if (positionOf[c] < 0 && ColumnRules.isRequired(type, canonical.get(c))) {
                failed = true;
                findings.add(Rule.FILE_HEADER_MISSING.finding(file, line, canonical.get(c), null,
                        "Required column " + canonical.get(c) + " is missing from the " + type + " header"));
            }
        }
        List<String> group = ColumnRules.oneOf(type);
        if (!group.isEmpty() && group.stream().allMatch(g -> positionOf[canonical.indexOf(g)] < 0)) {
            failed = true;
            findings.add(Rule.FILE_HEADER_MISSING.finding(file, line, String.join("|", group), null,
                    "At least one of the columns " + String.join(", ", group) + " is required"));
        }
        return new HeaderMap(positionOf, names.size(), List.copyOf(findings), failed);
    }

    /** Case-folded, trimmed, spaces as underscores. */
    static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '_') {
                space = true;
                continue;
            }
            if (space && b.length() > 0) {
                b.append('_');
            }
            space = false;
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Field position of a canonical column, or -1 when the file lacks it. */
    int positionOf(int canonicalIndex) {
        return positionOf[canonicalIndex];
    }

    /** Number of fields in the header record. */
    int width() {
        return width;
    }

    List<Finding> findings() {
        return findings;
    }

    boolean failed() {
        return failed;
    }
}
