package org.lfenergy.cds.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lfenergy.cds.auth.repository.ReceiptRepository.Receipt;
import org.lfenergy.cds.auth.support.SmtpServer;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Receipt e-mails with {@code cds.auth.receipt-mail=smtp} go through Quarkus Mailer to a real SMTP server (GreenMail,
 * with SMTP AUTH): recipient, sender, subject and the receipt link arrive; when the relay is down, the message is
 * tried again, then counted as failed, and sending never throws (the approval that stored the receipt is unaffected).
 */
@QuarkusTest
@TestProfile(SmtpReceiptMailTest.Smtp.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
@WithTestResource(value = SmtpServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmtpReceiptMailTest {

    /** The transport of every other test (capturing) is left out: this one uses the configured SMTP transport. */
    public static class Smtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.arc.exclude-types", "org.lfenergy.cds.auth.support.CapturingMailTransport");
        }
    }

    @Inject
    Receipts receipts;

    @Inject
    MeterRegistry meters;

    @Inject
    ObjectMapper mapper;

    private Receipt receipt(String confirmation) {
        ObjectNode d = mapper.createObjectNode();
        d.put("client_name", "Solar Helper");
        d.putArray("sections").addObject().put("name", "Accounts").put("data", "account numbers and names")
                .putArray("durations").add("2026-01-01 to 2027-01-01");
        d.putObject("selected").putArray("accounts").add("1234567");
        return new Receipt("tok" + confirmation + "x".repeat(40), confirmation, "grant-" + confirmation,
                Instant.parse("2026-11-23T03:00:00Z"), d);
    }

    private double count(String outcome) {
        var counter = meters.find("cds.receipt.mail").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @Order(1)
    void receiptMailReachesTheSmtpServerWithRecipientSubjectAndReceiptLink() throws Exception {
        double sentBefore = count("sent");
        Receipt receipt = receipt("4711000001");

        Boolean sent = receipts.deliver(receipt, "customer.one@example.com").await().atMost(Duration.ofSeconds(60));

        assertThat(sent).isTrue();
        assertThat(SmtpServer.server.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage[] messages = SmtpServer.server.getReceivedMessages();
        assertThat(messages).hasSize(1);
        MimeMessage m = messages[0];
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("customer.one@example.com");
        assertThat(m.getFrom()).extracting(Object::toString).containsExactly(SmtpServer.FROM);
        assertThat(m.getSubject()).isEqualTo("CDS Demo Utility: authorization receipt 4711000001");
        String body = m.getContent().toString();
        assertThat(body).contains("Receipt: " + receipts.url(receipt.token()))
                .contains("Confirmation number: 4711000001").contains("Account 1234567");
        assertThat(receipts.url(receipt.token())).endsWith("/oauth/receipts/" + receipt.token());
        assertThat(count("sent")).isEqualTo(sentBefore + 1);
    }

    @Test
    @Order(2)
    void aRelayThatIsDownIsTriedAgainThenCountedAsFailedWithoutFailingTheCaller() {
        SmtpServer.server.stop();
        double failedBefore = count("failed");
        double sentBefore = count("sent");

        Boolean sent = receipts.deliver(receipt("4711000002"), "customer.two@example.com").await()
                .atMost(Duration.ofSeconds(120));

        assertThat(sent).isFalse();
        assertThat(count("failed")).isEqualTo(failedBefore + 1);
        assertThat(count("sent")).isEqualTo(sentBefore);
    }
}
