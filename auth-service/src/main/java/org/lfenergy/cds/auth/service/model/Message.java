package org.lfenergy.cds.auth.service.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A CDS Message as stored; {@code document} holds name, description, requests, attachments and related links. */
public record Message(String messageId, String registrantId, String previousId, String type, String status,
        boolean read, String creator, Instant created, Instant modified, ObjectNode document) {

    public Message withRead(boolean newRead, Instant now) {
        return new Message(messageId, registrantId, previousId, type, status, newRead, creator, created, now, document);
    }

    public Message withStatus(String newStatus, Instant now) {
        return new Message(messageId, registrantId, previousId, type, newStatus, read, creator, created, now, document);
    }

    /** This request, decided by the server: {@code newStatus}, pointing at what the decision made (WG1-02 §6.3). */
    public Message decided(String newStatus, String relatedUri, String relatedType, Instant now) {
        ObjectNode d = document.deepCopy();
        d.put("related_uri", relatedUri);
        d.put("related_type", relatedType);
        return new Message(messageId, registrantId, previousId, type, newStatus, read, creator, created, now, d);
    }

    /**
     * The server's {@code request_update} reply to this request: {@code status}, unread, no creator; {@code content}
     * holds its name, description and related link.
     */
    public Message requestUpdate(String id, String status, ObjectNode content, Instant now) {
        return new Message(id, registrantId, messageId, "request_update", status, false, null, now, now, content);
    }
}
