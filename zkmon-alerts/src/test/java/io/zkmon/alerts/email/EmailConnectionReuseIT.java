package io.zkmon.alerts.email;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.testkit.MailSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SMTP connection is kept between notifications, and a kept connection the server dropped costs no failure. */
class EmailConnectionReuseIT {

    private static Alerter alerter(MailSink smtp) {
        return Configs.alerter("/services/foo: {alerter: {email: 'alice@example.com, bob@example.com'}}\n",
                Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.port())), "/services/foo#email");
    }

    @Test
    void notificationsInARowAllArrive() throws Exception {
        try (MailSink smtp = MailSink.smtp(); Alerter a = alerter(smtp)) {
            for (int i = 0; i < 5; i++) {
                assertThat(a.send(i % 2 == 0 ? firing("/services/foo") : resolved("/services/foo")).isSent()).isTrue();
            }
            assertThat(smtp.awaitMessages(10, Duration.ofSeconds(10))).hasSize(10);
        }
    }

    @Test
    void aKeptConnectionTheServerDroppedIsReplacedWithoutAFailure() throws Exception {
        try (MailSink smtp = MailSink.smtp(); Alerter a = alerter(smtp)) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
            smtp.awaitMessages(2, Duration.ofSeconds(10));

            smtp.stop(); // drops every connection, the kept one too
            smtp.start();

            SendResult r = a.send(resolved("/services/foo"));
            assertThat(r.isSent()).as("%s", r).isTrue();
            assertThat(smtp.awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);
        }
    }

    @Test
    void aServerThatIsGoneIsStillAFailureToRetry() throws Exception {
        try (MailSink smtp = MailSink.smtp(); Alerter a = alerter(smtp)) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
            smtp.stop();

            SendResult r = a.send(resolved("/services/foo"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        }
    }
}
