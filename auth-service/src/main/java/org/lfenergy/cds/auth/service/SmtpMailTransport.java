package org.lfenergy.cds.auth.service;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * The receipt e-mail transport through an SMTP relay (Quarkus Mailer, configured by {@code quarkus.mailer.*}: host,
 * port, from, TLS / STARTTLS, login; the password from the environment or a Secret). One plain-text message per
 * receipt.
 */
final class SmtpMailTransport implements ReceiptMailTransport {

    private final ReactiveMailer mailer;

    SmtpMailTransport(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Uni<Void> send(ReceiptMailTransport.Mail mail) {
        return mailer.send(io.quarkus.mailer.Mail.withText(mail.to(), mail.subject(), mail.text()));
    }
}
