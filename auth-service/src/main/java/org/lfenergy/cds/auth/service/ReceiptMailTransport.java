package org.lfenergy.cds.auth.service;

import io.smallrye.mutiny.Uni;

/**
 * How a receipt e-mail reaches the customer (WG3 §9.4 notification). The default bean is {@link LoggingMailTransport}
 * ({@code cds.auth.receipt-mail=log|disabled}); a deployment with an SMTP relay or a mail API deploys its own bean
 * of this type, which replaces the default.
 */
public interface ReceiptMailTransport {

    /** One plain-text message to one recipient. */
    record Mail(String to, String subject, String text) {
    }

    /** Sends the message; a failure is logged by the caller and never undoes the approval. */
    Uni<Void> send(Mail mail);
}
