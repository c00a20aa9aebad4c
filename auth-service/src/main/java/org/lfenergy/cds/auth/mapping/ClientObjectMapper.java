package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.model.ClientObject;

/** Client Object → its CDS JSON form (RFC 7591 client metadata + WG1-02 §5.2 + WG3 §8). */
@ApplicationScoped
public class ClientObjectMapper {

    /** Document members written in this order after the computed ones. */
    private static final List<String> OPTIONAL = List.of("client_uri", "logo_uri", "tos_uri", "policy_uri",
            "cds_company_name");

    private final ObjectMapper mapper;
    private final CdsUrls urls;

    public ClientObjectMapper(ObjectMapper mapper, CdsUrls urls) {
        this.mapper = mapper;
        this.urls = urls;
    }

    public ObjectNode toJson(ClientObject c) {
        ObjectNode d = c.document();
        ObjectNode out = mapper.createObjectNode();
        out.put("client_id", c.clientId());
        out.put("client_id_issued_at", c.issuedAt().getEpochSecond());
        out.put("scope", c.publishedScope());
        out.set("redirect_uris", d.path("redirect_uris").deepCopy());
        out.set("response_types", d.path("response_types").deepCopy());
        out.set("grant_types", d.path("grant_types").deepCopy());
        out.set("token_endpoint_auth_method", d.path("token_endpoint_auth_method").deepCopy());
        out.put("client_name", d.path("client_name").asText(c.clientId()));
        out.set("contacts", d.has("contacts") ? d.get("contacts").deepCopy() : mapper.createArrayNode());
        for (String key : OPTIONAL) {
            if (d.hasNonNull(key)) {
                out.set(key, d.get(key).deepCopy());
            }
        }
        out.set("authorization_details_types", d.path("authorization_details_types").deepCopy());
        out.put("cds_created", Times.format(c.created()));
        out.put("cds_modified", Times.format(c.modified()));
        out.put("cds_client_uri", urls.client(c.clientId()));
        out.put("cds_status", c.status());
        out.set("cds_status_options", d.path("cds_status_options").deepCopy());
        out.put("cds_server_metadata", urls.clientServerMetadata(c.clientId()));
        if (!c.responseTypes().isEmpty()) {
            out.put("cds_default_scope", d.path("cds_default_scope").asText(""));
            out.put("cds_default_redirect_uri", d.path("cds_default_redirect_uri").asText());
            out.set("cds_default_authorization_details", d.path("cds_default_authorization_details").deepCopy());
            out.set("cds_purposes", d.has("cds_purposes") ? d.get("cds_purposes").deepCopy() : mapper.createObjectNode());
        }
        return out;
    }
}
