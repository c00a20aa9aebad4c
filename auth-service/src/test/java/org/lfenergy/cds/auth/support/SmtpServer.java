package org.lfenergy.cds.auth.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free port, which accepts mail only after SMTP AUTH with the
 * relay account below; the service's Quarkus Mailer is pointed at it. {@link #server} holds the received messages.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    public static final String FROM = "receipts@utility.example";
    private static final String USER = "cds-receipts";
    private static final String PASSWORD = "relay-password-of-the-test";

    public static volatile GreenMail server;

    @Override
    public Map<String, String> start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD));
        server.start();
        return Map.of("cds.auth.receipt-mail", "smtp",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()),
                "quarkus.mailer.from", FROM,
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "REQUIRED",
                "quarkus.mailer.username", USER,
                "quarkus.mailer.password", PASSWORD,
                "cds.auth.receipt-mail-retries", "2",
                "cds.auth.receipt-mail-retry-backoff", "PT0.1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
