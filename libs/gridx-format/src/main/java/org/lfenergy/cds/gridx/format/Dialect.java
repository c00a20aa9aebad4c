package org.lfenergy.cds.gridx.format;

import java.util.Locale;

/** Delimiter dialect chosen by the file extension. */
public enum Dialect {
    CSV(',', "csv"),
    PSV('|', "psv"),
    TSV('\t', "tsv");

    private final char delimiter;
    private final String extension;

    Dialect(char delimiter, String extension) {
        this.delimiter = delimiter;
        this.extension = extension;
    }

    /** The field delimiter. */
    public char delimiter() {
        return delimiter;
    }

    /** The lower-case extension without the dot, e.g. {@code csv}. */
    public String extension() {
        return extension;
    }

    /**
     * The dialect for an extension such as {@code csv}, {@code .PSV} (case-insensitive, leading dot optional).
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static Dialect fromExtension(String ext) {
        Dialect found = find(ext);
        if (found == null) {
            throw new IllegalArgumentException("Unsupported GridX file extension '" + ext + "': expected csv, psv or tsv");
        }
        return found;
    }

    /** Like {@link #fromExtension(String)} but returns null for an unknown extension. */
    static Dialect find(String ext) {
        if (ext == null) {
            return null;
        }
        String e = ext.startsWith(".") ? ext.substring(1) : ext;
        e = e.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (d.extension.equals(e)) {
                return d;
            }
        }
        return null;
    }
}
