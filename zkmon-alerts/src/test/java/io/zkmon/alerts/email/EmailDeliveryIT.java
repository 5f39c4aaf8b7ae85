package io.zkmon.alerts.email;

import static io.zkmon.testkit.MailSink.body;
import static io.zkmon.testkit.MailSink.header;
import static io.zkmon.testkit.MailSink.subject;
import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.alerts.testing.RefusingSmtpFront;
import io.zkmon.alerts.testing.StartTlsFront;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.testkit.MailSink;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Email delivery against real SMTP servers: several addresses, login, STARTTLS, SMTPS, a server down then up, and
 * recipients refused for a while (greylisting) or for good.
 */
class EmailDeliveryIT {

    private static final String PASSWORD = "correct-horse-battery";

    @Test
    void sendsOneMailPerAddressToTheServerNamedBySmtpHostAndSmtpPort() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                Alerter a = Configs.alerter("/services/foo: {alerter: {email: 'alice@example.com, bob@example.com'}}\n",
                        Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.port())), "/services/foo#email")) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();

            List<MimeMessage> mails = smtp.awaitMessages(2, Duration.ofSeconds(10));
            assertThat(mails).hasSize(2);
            for (String who : List.of("alice@example.com", "bob@example.com")) {
                MimeMessage m = smtp.to(who).get(0);
                assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(who);
                assertThat(subject(m)).isEqualTo("[zkmon] /services/foo out of spec");
                assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-generated");
                assertThat(body(m).replace("\r\n", "\n").stripTrailing()).isEqualTo("""
                        /services/foo out of spec.

                        Path:              /services/foo
                        State:             Error (was OK)
                        Problem:           Found children (0) less than minimum (1)
                        Children:          0 (removed: instance-1; added: none)
                        Severity:          warning
                        Cluster:           zkmonitor
                        Agent:             agent-1
                        Out of spec since: 2026-11-25T16:20:00Z
                        Status:            http://agent-1:8080/status

                        --\s
                        Sent by zkmon agent agent-1.""");
            }
        }
    }

    @Test
    void aRecoveryHasItsOwnSubjectAndJoinsTheAlertsThread() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                Alerter a = Configs.named("type: email, to: ops@example.com, smtp: {host: 127.0.0.1, port: " + smtp.port() + "}")) {
            a.send(firing("/services/foo"));
            a.send(resolved("/services/foo"));
            List<MimeMessage> mails = smtp.awaitMessages(2, Duration.ofSeconds(10));
            assertThat(mails).extracting(MailSink::subject)
                    .containsExactly("[zkmon] /services/foo out of spec", "[zkmon] /services/foo back in spec");
            assertThat(header(mails.get(1), "References")).isEqualTo(header(mails.get(0), "References")).startsWith("<incident.");
            assertThat(header(mails.get(1), "Message-ID")).isNotEqualTo(header(mails.get(0), "Message-ID"));
            assertThat(body(mails.get(1))).contains("Back in spec at:   2026-11-25T16:21:00Z", "Out of spec for:   1m");
        }
    }

    @Test
    void logsInWithUsernameAndPassword() {
        try (MailSink smtp = MailSink.smtpWithUser("zkmon", PASSWORD);
                Alerter good = Configs.named(smtpAlerter(smtp.port(), "username: zkmon, password: " + PASSWORD));
                Alerter bad = Configs.named(smtpAlerter(smtp.port(), "username: zkmon, password: wrong-" + PASSWORD))) {
            assertThat(good.send(firing("/p")).isSent()).isTrue();
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);

            SendResult refused = bad.send(firing("/p"));
            assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(refused.detail()).contains("refused the login", "535").doesNotContain(PASSWORD);
            assertThat(smtp.received()).hasSize(1);
        }
    }

    @Test
    void upgradesToTlsWithStartTlsBeforeLoggingIn() throws Exception {
        try (MailSink smtp = MailSink.smtpWithUser("zkmon", PASSWORD);
                StartTlsFront front = StartTlsFront.start(smtp.port(), true);
                Alerter a = Configs.named(smtpAlerter(front.port(),
                        "starttls: true, insecure_skip_verify: true, username: zkmon, password: " + PASSWORD))) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.isSent()).as(r.detail()).isTrue();
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(front.upgraded()).isEqualTo(1);
            assertThat(front.refusedInPlain()).isZero();
        }
    }

    @Test
    void verifiesTheServersCertificateUnlessToldNotTo() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                StartTlsFront front = StartTlsFront.start(smtp.port(), true);
                Alerter a = Configs.named(smtpAlerter(front.port(), "starttls: true"))) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("certificate", "not trusted");
            assertThat(smtp.received()).isEmpty();
        }
    }

    @Test
    void refusesToSendInPlainTextWhenStartTlsIsRequiredButNotOffered() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                StartTlsFront front = StartTlsFront.start(smtp.port(), false);
                Alerter a = Configs.named(smtpAlerter(front.port(), "starttls: true, insecure_skip_verify: true"))) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(r.detail()).contains("does not offer STARTTLS");
            assertThat(front.refusedInPlain()).isZero();
            assertThat(smtp.received()).isEmpty();
        }
    }

    @Test
    void speaksSmtpsWhenSslIsSet() {
        try (MailSink smtps = MailSink.smtps();
                Alerter a = Configs.named(smtpAlerter(smtps.port(), "ssl: true, insecure_skip_verify: true"))) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.isSent()).as(r.detail()).isTrue();
            assertThat(smtps.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        }
    }

    @Test
    void smtpsVerifiesTheServersCertificateUnlessToldNotTo() {
        try (MailSink smtps = MailSink.smtps();
                Alerter a = Configs.named(smtpAlerter(smtps.port(), "ssl: true"))) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("certificate");
            assertThat(smtps.received()).isEmpty();
        }
    }

    /** Larger than Jakarta Mail's 8 KiB write buffer: sent in several writes, which Nagle would hold (SmtpSockets). */
    @Test
    void aMailLargerThanOneWriteArrivesWholeOverSmtpAndSmtps() throws Exception {
        String description = "0123456789abcdef".repeat(64 * 1024 / 16);
        Notification big = withDescription(firing("/p"), description);
        try (MailSink smtp = MailSink.smtp();
                MailSink smtps = MailSink.smtps();
                Alerter plain = Configs.named(smtpAlerter(smtp.port(), "ssl: false"));
                Alerter tls = Configs.named(smtpAlerter(smtps.port(), "ssl: true, insecure_skip_verify: true"))) {
            for (int i = 0; i < 2; i++) { // a new connection, then the kept one
                assertThat(plain.send(big).isSent()).isTrue();
                SendResult r = tls.send(big);
                assertThat(r.isSent()).as(r.detail()).isTrue();
            }
            for (MailSink sink : List.of(smtp, smtps)) {
                for (MimeMessage m : sink.awaitMessages(2, Duration.ofSeconds(10))) {
                    assertThat(body(m).replaceAll("\\s+", "")).contains(description);
                }
            }
        }
    }

    @Test
    void introducesItselfWithThisHostsNameOnEveryConnection() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                RefusingSmtpFront front = RefusingSmtpFront.start(smtp.port());
                Alerter a = Configs.named(smtpAlerter(front.port(), "ssl: false"))) {
            assertThat(a.send(firing("/p")).isSent()).isTrue();
            a.close(); // no kept connection: the next mail opens a new one
            assertThat(a.send(resolved("/p")).isSent()).isTrue();
            smtp.awaitMessages(2, Duration.ofSeconds(10));
            String name = SmtpSockets.ehloName();
            assertThat(front.commands()).filteredOn(c -> c.startsWith("EHLO "))
                    .containsExactly("EHLO " + name, "EHLO " + name);
        }
    }

    private static Notification withDescription(Notification n, String description) {
        return new Notification(n.kind(), n.path(), n.state(), n.previousState(), n.message(), n.childCount(), n.childrenAdded(),
                n.childrenRemoved(), n.cluster(), n.agent(), n.startedAt(), n.at(), n.dedupKey(), n.repeat(), n.statusUrl(),
                n.alertName(), n.severity(), n.labels(), Map.of("description", description));
    }

    @Test
    void aServerThatIsDownIsRetryableAndTheRetryDeliversOncePerAddress() {
        MailSink smtp = MailSink.smtp();
        try (smtp; Alerter a = Configs.named("type: email, to: [alice@example.com, bob@example.com],"
                + " smtp: {host: 127.0.0.1, port: " + smtp.port() + ", timeout: 2s}")) {
            smtp.stop();
            SendResult down = a.send(firing("/p"));
            assertThat(down.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(down.detail()).contains("could not connect to the SMTP server 127.0.0.1:" + smtp.port());

            smtp.start();
            SendResult up = a.send(firing("/p"));
            assertThat(up.isSent()).as(up.detail()).isTrue();
            assertThat(smtp.awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);
            assertThat(smtp.to("alice@example.com")).hasSize(1);
            assertThat(smtp.to("bob@example.com")).hasSize(1);
        }
    }

    @Test
    void aRetryAfterGreylistingGoesOnlyToTheAddressThatWasRefused() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                RefusingSmtpFront front = RefusingSmtpFront.start(smtp.port()).refuse("bob@example.com", "451 4.7.1 Greylisted, try again later", 1);
                Alerter a = Configs.named("type: email, to: [alice@example.com, bob@example.com, carol@example.com],"
                        + " smtp: {host: 127.0.0.1, port: " + front.port() + ", timeout: 5s}")) {
            SendResult first = a.send(firing("/p"));
            assertThat(first.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(first.detail()).isEqualTo("delivered to 2 of 3 addresses; bob@example.com: 127.0.0.1:" + front.port()
                    + " answered '451 4.7.1 Greylisted, try again later'");
            assertThat(smtp.awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);

            SendResult retry = a.send(firing("/p")); // the dispatcher retries the same notification
            assertThat(retry.isSent()).as(retry.detail()).isTrue();
            smtp.awaitMessages(3, Duration.ofSeconds(10));
            for (String who : List.of("alice@example.com", "bob@example.com", "carol@example.com")) {
                assertThat(smtp.to(who)).as(who).hasSize(1);
            }
        }
    }

    @Test
    void anAddressRefusedForGoodMakesThePermanentFailureNameItAfterTheOthersGotTheirs() throws Exception {
        try (MailSink smtp = MailSink.smtp();
                RefusingSmtpFront front = RefusingSmtpFront.start(smtp.port()).refuse("gone@example.com", "550 5.1.1 User unknown", 99);
                Alerter a = Configs.named("type: email, to: [alice@example.com, gone@example.com],"
                        + " smtp: {host: 127.0.0.1, port: " + front.port() + ", timeout: 5s}")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(r.detail()).isEqualTo("delivered to 1 of 2 addresses; gone@example.com: 127.0.0.1:" + front.port()
                    + " answered '550 5.1.1 User unknown'");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(smtp.to("alice@example.com")).hasSize(1);
        }
    }

    private static String smtpAlerter(int port, String smtpExtras) {
        return "type: email, to: ops@example.com, smtp: {host: 127.0.0.1, port: " + port + ", from: zkmon@example.com, timeout: 5s, "
                + smtpExtras + "}";
    }
}
