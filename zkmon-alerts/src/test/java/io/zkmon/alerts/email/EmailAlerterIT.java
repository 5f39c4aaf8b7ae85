package io.zkmon.alerts.email;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.testing.AlerterContract;
import io.zkmon.testkit.MailSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The email backend against a real SMTP server (GreenMail) that requires the alerter's login. Retryable: the server
 * is down. Permanent: the server refuses the login.
 */
class EmailAlerterIT extends AlerterContract {

    private static MailSink smtp;

    @BeforeAll
    static void startServer() {
        smtp = MailSink.smtpWithUser("zkmon", SECRET);
    }

    @AfterAll
    static void stopServer() {
        smtp.close();
    }

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: email, to: [alice@example.com, bob@example.com],"
                + " smtp: {host: 127.0.0.1, port: " + smtp.port() + ", username: zkmon, password: " + SECRET + ", from: zkmon@example.com, timeout: 5s}");
    }

    @Override
    protected void sinkAccepts() {
        smtp.start();
        smtp.setPassword("zkmon", SECRET);
    }

    @Override
    protected void sinkFailsRetryably() {
        smtp.stop();
    }

    @Override
    protected void sinkFailsPermanently() {
        smtp.start();
        smtp.setPassword("zkmon", "rotated-by-someone-else");
    }

    @Override
    protected int delivered() {
        return smtp.received().size();
    }
}
