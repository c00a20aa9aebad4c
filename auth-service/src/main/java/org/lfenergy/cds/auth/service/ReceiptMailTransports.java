package org.lfenergy.cds.auth.service;

import io.quarkus.arc.DefaultBean;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.lfenergy.cds.auth.config.CdsConfig;

/**
 * Chooses the receipt e-mail transport from {@code cds.auth.receipt-mail}: {@code log} (default), {@code disabled} or
 * {@code smtp}. Another value stops the service at start, not at the first receipt. A deployment's own
 * {@link ReceiptMailTransport} bean (a mail API) replaces this choice.
 */
@ApplicationScoped
public class ReceiptMailTransports {

    private final String mode;

    public ReceiptMailTransports(CdsConfig config) {
        this.mode = config.auth().receiptMail();
    }

    void check(@Observes StartupEvent start) {
        if (!mode.equals("log") && !mode.equals("disabled") && !mode.equals("smtp")) {
            throw new IllegalArgumentException("cds.auth.receipt-mail must be log, smtp or disabled (was " + mode + ")");
        }
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    ReceiptMailTransport transport(Instance<ReactiveMailer> mailer) {
        return switch (mode) {
            case "smtp" -> new SmtpMailTransport(mailer.get());
            case "disabled" -> new LoggingMailTransport(false);
            default -> new LoggingMailTransport(true);
        };
    }
}
