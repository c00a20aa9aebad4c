package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.model.Credential;

/** Credential → its CDS JSON form (WG1-02 §7.2). */
@ApplicationScoped
public class CredentialMapper {

    private final ObjectMapper mapper;
    private final CdsUrls urls;

    public CredentialMapper(ObjectMapper mapper, CdsUrls urls) {
        this.mapper = mapper;
        this.urls = urls;
    }

    public ObjectNode toJson(Credential c, String secret) {
        ObjectNode out = mapper.createObjectNode();
        out.put("credential_id", c.credentialId());
        out.put("uri", urls.credential(c.credentialId()));
        out.put("client_id", c.clientId());
        out.put("created", Times.format(c.created()));
        out.put("modified", Times.format(c.modified()));
        out.put("type", "client_secret");
        out.put("client_secret", secret);
        out.put("client_secret_expires_at", c.expiresAt());
        return out;
    }
}
