package org.lfenergy.cds.auth.support;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.lfenergy.cds.auth.service.ReceiptMailTransport;

/**
 * The receipt e-mail transport of the tests (only the transport: everything that decides and writes the message is
 * the real code): keeps every message so tests can assert what the customer would receive.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CapturingMailTransport implements ReceiptMailTransport {

    private static final ConcurrentLinkedQueue<Mail> SENT = new ConcurrentLinkedQueue<>();

    @Override
    public Uni<Void> send(Mail mail) {
        SENT.add(mail);
        return Uni.createFrom().voidItem();
    }

    /** The messages sent to this address so far, oldest first. */
    public static List<Mail> to(String address) {
        return SENT.stream().filter(m -> m.to().equals(address)).toList();
    }
}
