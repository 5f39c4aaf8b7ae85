package io.zkmon.alerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ServiceInstance;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code template: seed} brings back the old daemon's mails exactly (its {@code alerts/email.py}): the subject
 * {@code Warning! <path> has an alert!} for the alert and the recovery alike, and the body
 * {@code <message>\n<path> is in the <State> state.}, asserted byte for byte as GreenMail received them. The file is
 * the old daemon's, with the SMTP server from {@code SMTP_HOST}/{@code SMTP_PORT} as it read it, plus one line.
 */
class SeedPresetEmailIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PATH = "/services/foo/min_1";

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private MailSink smtp;

    @BeforeEach
    void startServer() {
        smtp = MailSink.smtp();
    }

    @AfterEach
    void stopServer() {
        smtp.close();
    }

    @Test
    void theSeedPresetSendsTheOldSubjectAndBodyByteForByte() throws Exception {
        String yaml = """
                defaults: {template: seed}
                %s:
                  alerter:
                    email: you@home.com
                  children: 1
                """.formatted(PATH);
        ServiceInstance instance = zk.register(PATH, "instance-1");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.alerterRegistry(Configs.registry())
                .env(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.port()))));

        instance.crash();
        await("the alert").atMost(WAIT).until(() -> smtp.received().size() == 1);
        zk.register(PATH, "instance-2");
        await("the recovery").atMost(WAIT).until(() -> smtp.received().size() == 2);
        monitor.close();

        List<MimeMessage> mails = smtp.received();
        assertThat(mails).allSatisfy(m -> {
            assertThat(m.getHeader("Subject")).containsExactly("Warning! " + PATH + " has an alert!");
            assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("you@home.com");
        });
        // SMTP carries a line break as CR LF; the old daemon's "\n" went over the wire the same way
        assertThat(rawBody(mails.get(0))).isEqualTo("Found children (0) less than minimum (1)\r\n" + PATH + " is in the Error state.");
        assertThat(rawBody(mails.get(1))).isEqualTo("All checks pass.\r\n" + PATH + " is in the OK state.");
        assertThat(mails.get(0).getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
    }

    private static String rawBody(MimeMessage m) throws Exception {
        try (InputStream in = m.getRawInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
