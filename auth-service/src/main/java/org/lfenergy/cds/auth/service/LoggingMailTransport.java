package org.lfenergy.cds.auth.service;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * The receipt e-mail transport without an SMTP relay: {@code log} writes the whole message to the log (category
 * {@code org.lfenergy.cds.auth.service.LoggingMailTransport}), {@code disabled} drops it.
 */
final class LoggingMailTransport implements ReceiptMailTransport {

    private static final Logger LOG = Logger.getLogger(LoggingMailTransport.class);

    private final boolean enabled;

    LoggingMailTransport(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Uni<Void> send(Mail mail) {
        if (enabled) {
            LOG.infof("receipt e-mail (not sent: cds.auth.receipt-mail=log)%nTo: %s%nSubject: %s%n%n%s", mail.to(),
                    mail.subject(), mail.text());
        }
        return Uni.createFrom().voidItem();
    }
}
