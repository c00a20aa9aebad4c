package org.lfenergy.cds.auth.service.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Authorization Details Field of a scope, as published in its Scope Description.
 *
 * @param defaultValue the default, or {@code null} when the field has none (a JSON null default is a {@code NullNode})
 * @param choiceIds the ids of its choices; empty when the format has none
 */
public record FieldSpec(String id, String format, boolean required, JsonNode defaultValue, JsonNode maximum,
        JsonNode minimum, List<String> choiceIds) {

    /** Whether the field has a default (possibly JSON null). */
    public boolean hasDefault() {
        return defaultValue != null;
    }
}
