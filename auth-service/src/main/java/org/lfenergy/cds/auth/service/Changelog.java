package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Credential;
import org.lfenergy.cds.auth.service.model.Message;

/**
 * The changelog Messages WG1-02 §5.3 / §7 require for every change to a Client Object or Credential after
 * registration: server-created {@code notification}s (status {@code complete}, unread), whose
 * {@code updates_requested} list each changed field with {@code previous_value} / {@code new_value} and whose
 * {@code related_uri} points to the changed object.
 */
@ApplicationScoped
public class Changelog {

    private final ObjectMapper mapper;
    private final CdsUrls urls;

    public Changelog(ObjectMapper mapper, CdsUrls urls) {
        this.mapper = mapper;
        this.urls = urls;
    }

    /** A Client Object was changed (by its client through PUT, or by the server). */
    public Message clientChanged(ClientObject client, List<ClientUpdate.Change> changes, boolean byClient, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Client Object " + client.clientId() + " changed");
        StringBuilder text = new StringBuilder(byClient ? "Your update of Client Object " : "The server changed Client Object ")
                .append(client.clientId()).append(" was applied: ");
        ArrayNode updates = d.putArray("updates_requested");
        for (int i = 0; i < changes.size(); i++) {
            ClientUpdate.Change c = changes.get(i);
            text.append(i == 0 ? "" : ", ").append(c.field());
            ObjectNode u = updates.addObject();
            u.put("field", c.field());
            u.put("name", c.field());
            u.put("description", "changed");
            u.set("previous_value", c.previous());
            u.set("new_value", c.next());
        }
        d.put("description", text.append('.').toString());
        d.put("related_uri", urls.client(client.clientId()));
        d.put("related_type", "client");
        return notification(client.registrantId(), d, now);
    }

    /**
     * A Clients API PUT waits for the server's review (WG1-02 §5.5): a {@code field_changes} Message, status
     * {@code pending}, whose {@code updates_requested} list every changed field with {@code previous_value} /
     * {@code new_value}; each item's {@code description} says whether the field itself needs review or only waits
     * with the others (the PUT applies as a whole).
     */
    public Message fieldChanges(ClientObject client, List<ClientUpdate.Change> changes,
            List<ClientUpdate.Change> reviewed, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Changes to Client Object " + client.clientId() + " wait for review");
        d.put("description", "Your update of Client Object " + client.clientId() + " changes "
                + String.join(", ", reviewed.stream().map(ClientUpdate.Change::field).toList())
                + ", which the server reviews before they apply; until then the object keeps its current values."
                + " The whole update applies when it is approved.");
        ArrayNode updates = d.putArray("updates_requested");
        for (ClientUpdate.Change c : changes) {
            ObjectNode u = updates.addObject();
            u.put("field", c.field());
            u.put("name", c.field());
            u.put("description", reviewed.contains(c) ? "needs review" : "applies with the reviewed changes");
            u.set("previous_value", c.previous());
            u.set("new_value", c.next());
        }
        d.put("related_uri", urls.client(client.clientId()));
        d.put("related_type", "client");
        return new Message(Ids.random("m"), client.registrantId(), null, "field_changes", "pending", false, null, now,
                now, d);
    }

    /**
     * A held {@code field_changes} Message resolved: its new status, why appended to its description, unread again
     * (the client has news).
     */
    public static Message resolved(Message m, String status, String why, Instant now) {
        ObjectNode d = m.document().deepCopy();
        d.put("description", d.path("description").asText("") + " " + why);
        return new Message(m.messageId(), m.registrantId(), m.previousId(), m.type(), status, false, m.creator(),
                m.created(), now, d);
    }

    /** A new Client Object was added after registration (e.g. a production object after approval). */
    public Message clientAdded(ClientObject client, String why, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Client Object " + client.clientId() + " added");
        d.put("description", why);
        d.put("related_uri", urls.client(client.clientId()));
        d.put("related_type", "client");
        return notification(client.registrantId(), d, now);
    }

    /** A Credential was created after registration. */
    public Message credentialCreated(Credential c, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Credential " + c.credentialId() + " created");
        d.put("description", "A new client_secret was created for Client Object " + c.clientId() + ".");
        d.put("related_uri", urls.credential(c.credentialId()));
        d.put("related_type", "credential");
        return notification(c.registrantId(), d, now);
    }

    /** A Credential's expiry changed; {@code revoked} when it is expired now (its tokens were revoked). */
    public Message credentialExpiryChanged(Credential before, Credential after, boolean revoked, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Credential " + after.credentialId() + (revoked ? " expired" : " expiry changed"));
        d.put("description", revoked
                ? "The client_secret of Client Object " + after.clientId() + " no longer works; every access and"
                        + " refresh token issued with it was revoked."
                : "client_secret_expires_at of Client Object " + after.clientId() + " is now "
                        + after.expiresAt() + ".");
        ObjectNode u = d.putArray("updates_requested").addObject();
        u.put("field", "client_secret_expires_at");
        u.put("name", "client_secret_expires_at");
        u.put("description", "changed");
        u.put("previous_value", before.expiresAt());
        u.put("new_value", after.expiresAt());
        d.put("related_uri", urls.credential(after.credentialId()));
        d.put("related_type", "credential");
        return notification(after.registrantId(), d, now);
    }

    private static Message notification(String registrantId, JsonNode document, Instant now) {
        return new Message(Ids.random("m"), registrantId, null, "notification", "complete", false, null, now, now,
                (ObjectNode) document);
    }
}
