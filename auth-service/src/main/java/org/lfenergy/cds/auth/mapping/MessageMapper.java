package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.model.Message;

/** Message → its CDS JSON form (WG1-02 §6.2). */
@ApplicationScoped
public class MessageMapper {

    /** Optional document members, published when present. */
    private static final List<String> OPTIONAL = List.of("updates_requested", "grants_requested", "attachments",
            "related_uri", "related_type", "amount", "currency");

    private final ObjectMapper mapper;
    private final CdsUrls urls;

    public MessageMapper(ObjectMapper mapper, CdsUrls urls) {
        this.mapper = mapper;
        this.urls = urls;
    }

    public ObjectNode toJson(Message m) {
        ObjectNode d = m.document();
        ObjectNode out = mapper.createObjectNode();
        out.put("message_id", m.messageId());
        out.put("uri", urls.message(m.messageId()));
        if (m.previousId() == null) {
            out.putNull("previous_uri");
        } else {
            out.put("previous_uri", urls.message(m.previousId()));
        }
        out.put("type", m.type());
        out.put("read", m.read());
        if (m.creator() == null) {
            out.putNull("creator");
        } else {
            out.put("creator", m.creator());
        }
        out.put("created", Times.format(m.created()));
        out.put("modified", Times.format(m.modified()));
        out.put("status", m.status());
        out.put("name", d.path("name").asText(""));
        out.put("description", d.path("description").asText(""));
        for (String key : OPTIONAL) {
            if (d.has(key)) {
                out.set(key, d.get(key).deepCopy());
            }
        }
        return out;
    }
}
