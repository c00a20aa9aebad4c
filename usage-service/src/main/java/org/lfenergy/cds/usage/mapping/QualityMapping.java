package org.lfenergy.cds.usage.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.lfenergy.cds.usage.config.UsageConfig;

/** GridX Data_version (A, E, …) → CDS ReadingQualityType, configurable under {@code usage.quality.*}. */
@ApplicationScoped
public class QualityMapping {

    private final Map<String, String> map = new HashMap<>();

    @jakarta.inject.Inject
    public QualityMapping(UsageConfig config) {
        this(config.quality());
    }

    /** For tests: a mapping without CDI. */
    public QualityMapping(Map<String, String> versions) {
        versions.forEach((k, v) -> map.put(k.toUpperCase(Locale.ROOT), v));
    }

    /** The CDS quality of a Data_version, or null when unknown (CDS: quality left out). */
    public String toCds(String dataVersion) {
        return dataVersion == null ? null : map.get(dataVersion.trim().toUpperCase(Locale.ROOT));
    }
}
