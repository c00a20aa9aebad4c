package org.lfenergy.cds.billing.mapping;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lfenergy.cds.billing.config.BillingConfig;

/**
 * The configurable parts of the GridX → CDS mapping as plain values (so the mapping can be tested without the
 * application). {@link #from(BillingConfig, Clock)} reads them from {@code cds.billing.*}.
 */
public record MappingSettings(String currency, String phoneCountryCode, Entity utility, Map<String, Set<String>> levels,
                              Map<String, String> attributeFields, Map<String, String> serviceTypes,
                              Map<String, String> serviceStatuses, Map<String, String> rateplanNames,
                              Map<String, Program> programs, Map<String, String> networkPrograms,
                              Map<String, String> eventPrograms, Map<String, LineSection> lineSections,
                              int issueLagDays, int dueDays, ZoneId defaultZone, Map<String, ZoneId> clientZones,
                              Clock clock) {

    /** Hierarchy levels an attribute can be attached to, most specific first. */
    public static final List<String> LEVELS = List.of("contract", "service_point", "premise", "account", "person");

    /** A CDS Entity. */
    public record Entity(String id, List<String> types, String number, String name, String abbreviation) {
    }

    /** A program definition. */
    public record Program(String id, String level, String programNumber, List<String> types, String name,
                          String description, String documentation, String moreInfo, Set<String> falseValues) {
    }

    /** Types of one bill section of line items. */
    public record LineSection(String name, List<String> lineTypes, List<String> costTypes) {
    }

    /** The settings of the running application. */
    public static MappingSettings from(BillingConfig c, Clock clock) {
        BillingConfig.IdTypes t = c.idTypes();
        Map<String, Set<String>> levels = new LinkedHashMap<>();
        levels.put("contract", upper(t.contract()));
        levels.put("service_point", upper(t.servicePoint()));
        levels.put("premise", upper(t.premise()));
        levels.put("account", upper(t.account()));
        levels.put("person", upper(t.person()));
        Map<String, Program> programs = new LinkedHashMap<>();
        c.programs().forEach((id, p) -> programs.put(id.toLowerCase(Locale.ROOT), new Program(id.toLowerCase(Locale.ROOT),
                p.level(), p.programNumber().orElse(id.toUpperCase(Locale.ROOT)), p.types().orElse(List.of()),
                p.name(), p.description(), p.documentation(), p.moreInfo().orElse(null),
                p.falseValues().stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))));
        Map<String, LineSection> sections = new LinkedHashMap<>();
        c.lineSections().forEach((k, v) -> sections.put(k.toUpperCase(Locale.ROOT),
                new LineSection(v.name(), v.lineTypes(), v.costTypes())));
        BillingConfig.EntityConfig e = c.entity();
        return new MappingSettings(c.currency(), c.phoneCountryCode(),
                new Entity(e.id(), e.types(), e.number(), e.name(), e.abbreviation().orElse(null)), levels,
                lower(c.attributes()), lower(c.serviceTypes()), lower(c.serviceStatuses()), c.rateplanNames(),
                programs, c.networkPrograms(), c.eventPrograms(), sections, c.statement().issueLagDays(),
                c.statement().dueDays(), c.defaultZone(), c.clientZones(), clock);
    }

    /** The zone of a client's local dates. */
    public ZoneId zoneOf(String client) {
        return clientZones.getOrDefault(client, defaultZone);
    }

    /** The hierarchy level of an ID_type code, or null when unknown. */
    public String levelOf(String idType) {
        String code = idType == null ? "" : idType.trim().toUpperCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : levels.entrySet()) {
            if (e.getValue().contains(code)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Set<String> upper(List<String> codes) {
        return codes.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static Map<String, String> lower(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
