package org.lfenergy.cds.usage.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Row;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.service.AccessScope;

/** Meter device row → CDS MeterDevice (§10.4.1). */
public final class MeterDeviceMapper {

    private MeterDeviceMapper() {
    }

    /** The CDS object. */
    public static ObjectNode toCds(Row r, AccessScope scope, ChannelFormats formats) {
        ObjectNode o = Json.object();
        o.put("cds_meterdevice_id", r.getString("cds_meterdevice_id"));
        o.put("cds_created", Json.utc(r.getOffsetDateTime("created")));
        o.put("cds_modified", Json.utc(r.getOffsetDateTime("modified")));
        o.put("cds_synced", Json.utc(r.getOffsetDateTime("modified")));
        if (scope.includes(IncludeField.METER_NUMBERS)) {
            o.put("meter_number", r.getString("meter_id"));
        }
        o.set("meter_types", Json.strings(types(r.getArrayOfStrings("service_types"), r.getArrayOfStrings("channels"),
                r.getInteger("min_interval_s"), formats)));
        o.set("current_servicepoints", Json.strings(r.getArrayOfStrings("current_points")));
        o.set("previous_servicepoints", Json.strings(r.getArrayOfStrings("previous_points")));
        if (scope.includes(IncludeField.METER_APPS)) {
            o.putArray("meter_apps");
        }
        return o;
    }

    /** CDS MeterTypes from the contracts' service types and the channels the meter reported. */
    public static Set<String> types(String[] serviceTypes, String[] channels, Integer minIntervalS,
                                    ChannelFormats formats) {
        Set<String> out = new LinkedHashSet<>();
        if (serviceTypes != null) {
            for (String t : serviceTypes) {
                switch (t == null ? "" : t.trim().toLowerCase()) {
                    case "electric", "electricity" -> out.add("electric_usage");
                    case "gas", "natural_gas" -> out.add("natural_gas_usage");
                    case "water" -> out.add("water_usage");
                    case "fuel_oil" -> out.add("fuel_oil_usage");
                    default -> {
                    }
                }
            }
        }
        boolean forward = false;
        boolean reverse = false;
        boolean net = false;
        if (channels != null) {
            for (String ch : channels) {
                Optional<ValueFormatSpec> f = formats.forChannel(ch);
                if (f.isEmpty()) {
                    continue;
                }
                switch (f.get().type()) {
                    case "electric_usage" -> out.add("electric_usage");
                    case "electric_demand" -> out.add("electric_demand");
                    case "natural_gas_usage" -> out.add("natural_gas_usage");
                    case "water_usage" -> out.add("water_usage");
                    default -> {
                    }
                }
                String d = f.get().direction();
                forward |= "forward".equals(d);
                reverse |= "reverse".equals(d);
                net |= "net".equals(d);
            }
        }
        if (forward && reverse || net) {
            out.add("bidirectional");
        } else if (forward) {
            out.add("forward_only");
        } else if (reverse) {
            out.add("reverse_only");
        }
        out.add("physical_meter");
        if (minIntervalS != null && minIntervalS <= 3600) {
            out.add("ami_meter");
        }
        return out;
    }
}
