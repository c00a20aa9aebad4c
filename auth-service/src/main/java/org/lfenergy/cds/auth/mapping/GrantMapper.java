package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.model.Grant;

/** Grant → its CDS JSON form (WG1-02 §8.2). */
@ApplicationScoped
public class GrantMapper {

    private final ObjectMapper mapper;
    private final CdsUrls urls;

    public GrantMapper(ObjectMapper mapper, CdsUrls urls) {
        this.mapper = mapper;
        this.urls = urls;
    }

    public ObjectNode toJson(Grant g, List<String> children) {
        ObjectNode d = g.document();
        ObjectNode out = mapper.createObjectNode();
        out.put("grant_id", g.grantId());
        out.put("uri", urls.grant(g.grantId()));
        out.set("replacing", array(d, "replacing"));
        out.set("replaced_by", array(d, "replaced_by"));
        if (g.parentId() == null) {
            out.putNull("parent");
        } else {
            out.put("parent", g.parentId());
        }
        ArrayNode kids = out.putArray("children");
        children.forEach(kids::add);
        out.put("created", Times.format(g.created()));
        out.put("modified", Times.format(g.modified()));
        for (String key : List.of("not_before", "not_after", "eta", "expires")) {
            out.set(key, d.hasNonNull(key) ? d.get(key).deepCopy() : mapper.nullNode());
        }
        out.put("status", g.status().wire());
        out.put("client_id", g.clientId());
        out.put("scope", g.scope());
        out.set("authorization_details", array(d, "authorization_details"));
        out.set("receipt_confirmations", array(d, "receipt_confirmations"));
        out.put("enabled_scope", g.enabledScope());
        out.set("enabled_authorization_details", array(d, "enabled_authorization_details"));
        return out;
    }

    private JsonNode array(ObjectNode d, String key) {
        return d.has(key) ? d.get(key).deepCopy() : mapper.createArrayNode();
    }
}
