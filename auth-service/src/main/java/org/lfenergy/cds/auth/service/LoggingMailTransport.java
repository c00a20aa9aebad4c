package org.lfenergy.cds.auth.service;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;

/**
 * The receipt e-mail transport when the deployment has none: {@code log} writes the whole message to the log
 * (category {@code org.lfenergy.cds.auth.service.LoggingMailTransport}), {@code disabled} drops it. Neither needs an
 * SMTP server.
 */
@DefaultBean
@ApplicationScoped
public class LoggingMailTransport implements ReceiptMailTransport {

    private static final Logger LOG = Logger.getLogger(LoggingMailTransport.class);

    private final boolean enabled;

    public LoggingMailTransport(CdsConfig config) {
        String mode = config.auth().receiptMail();
        if (!mode.equals("log") && !mode.equals("disabled")) {
            throw new IllegalArgumentException("cds.auth.receipt-mail must be log or disabled (was " + mode
                    + "); to send real e-mail deploy a ReceiptMailTransport bean");
        }
        this.enabled = mode.equals("log");
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
