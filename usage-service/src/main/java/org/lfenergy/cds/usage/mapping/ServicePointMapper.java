package org.lfenergy.cds.usage.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Row;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.service.AccessScope;

/** Service point row → CDS ServicePoint (§10.3.1), OPTIONAL fields only when their include field is true. */
public final class ServicePointMapper {

    private ServicePointMapper() {
    }

    /** The CDS object. */
    public static ObjectNode toCds(Row r, AccessScope scope) {
        ObjectNode o = Json.object();
        o.put("cds_servicepoint_id", r.getString("cds_servicepoint_id"));
        o.put("cds_created", Json.utc(r.getOffsetDateTime("created")));
        o.put("cds_modified", Json.utc(r.getOffsetDateTime("modified")));
        o.put("cds_synced", Json.utc(r.getOffsetDateTime("modified")));
        o.put("servicepoint_number", r.getString("servicepoint_number"));
        o.set("servicepoint_types", Json.strings(types(r.getArrayOfStrings("service_types"))));
        if (scope.includes(IncludeField.SERVICE_POINT_ADDRESSES)) {
            String address = address(r);
            if (address == null) {
                o.putNull("servicepoint_address");
            } else {
                o.put("servicepoint_address", address);
            }
        }
        if (scope.includes(IncludeField.COORDINATES)) {
            putDecimal(o, "latitude", r.getString("latitude"));
            putDecimal(o, "longitude", r.getString("longitude"));
        }
        o.set("current_servicecontracts", Json.strings(r.getArrayOfStrings("current_contracts")));
        o.set("previous_servicecontracts", Json.strings(r.getArrayOfStrings("previous_contracts")));
        if (scope.includes(IncludeField.PREMISES)) {
            ArrayNode premises = o.putArray("premises");
            if (r.getString("cds_premise_id") != null) {
                ObjectNode p = premises.addObject();
                p.put("id", r.getString("cds_premise_id"));
                p.put("premise_number", r.getString("premise_id"));
                p.putArray("types").add("building");
            }
        }
        if (r.getString("voltage") != null) {
            o.put("gridx_voltage", r.getString("voltage"));
        }
        if (r.getString("phase") != null) {
            o.put("gridx_phase", r.getString("phase"));
        }
        return o;
    }

    /** CDS ServicePointTypes from the contracts' service_type attributes. */
    static Set<String> types(String[] serviceTypes) {
        Set<String> commodities = new LinkedHashSet<>();
        if (serviceTypes != null) {
            for (String t : serviceTypes) {
                String c = switch (t == null ? "" : t.trim().toLowerCase()) {
                    case "electric", "electricity" -> "electric";
                    case "gas", "natural_gas" -> "natural_gas";
                    case "water" -> "water";
                    case "fuel_oil" -> "fuel_oil";
                    default -> null;
                };
                if (c != null) {
                    commodities.add(c);
                }
            }
        }
        Set<String> out = new LinkedHashSet<>(commodities);
        if (commodities.size() == 1) {
            out.add("single_service");
        } else if (commodities.size() > 1) {
            out.add("multi_service");
        }
        out.add("physical");
        out.add("edge");
        return out;
    }

    /** The service address: the service point's own, else the premise's with city, state and zip. */
    public static String address(Row r) {
        String sp = r.getString("sp_address");
        if (sp != null) {
            return sp;
        }
        String street = r.getString("pm_address");
        if (street == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(street);
        String city = r.getString("pm_city");
        String state = r.getString("pm_state");
        String zip = r.getString("pm_zip");
        if (city != null || state != null || zip != null) {
            sb.append('\n');
            if (city != null) {
                sb.append(city);
            }
            if (state != null) {
                sb.append(city != null ? ", " : "").append(state);
            }
            if (zip != null) {
                sb.append(' ').append(zip);
            }
        }
        return sb.toString();
    }

    private static void putDecimal(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
            return;
        }
        try {
            o.put(name, new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
            o.putNull(name);
        }
    }
}
