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
}
