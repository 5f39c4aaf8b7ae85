package io.zkmon.alerts.email;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    @Test
    void theSubjectIsStablePerPath() {
        assertThat(EmailMessage.subject("[zkmon]", firing("/services/foo"))).isEqualTo("[zkmon] /services/foo out of spec");
        assertThat(EmailMessage.subject("[zkmon]", resolved("/services/foo"))).isEqualTo("[zkmon] /services/foo back in spec");
        assertThat(EmailMessage.subject("[prod]", firing("/a"))).isEqualTo("[prod] /a out of spec");
        assertThat(EmailMessage.subject("", firing("/a"))).isEqualTo("/a out of spec");
    }

    @Test
    void anIncidentsMailsShareOneThread() {
        assertThat(EmailMessage.threadId(firing("/services/foo"))).isEqualTo(EmailMessage.threadId(resolved("/services/foo")))
                .matches("<incident\\.[0-9a-f]{32}@zkmon>");
        assertThat(EmailMessage.threadId(firing("/services/bar"))).isNotEqualTo(EmailMessage.threadId(firing("/services/foo")));
    }

    @Test
    void buildsAPlainTextMailWithoutTouchingTheNetwork() throws Exception {
        MimeMessage m = EmailMessage.build(Session.getInstance(new Properties()), "[zkmon]", new InternetAddress("zkmon@example.com"),
                new InternetAddress("ops@example.com"), firing("/services/foo"));
        m.saveChanges();
        assertThat(m.getSubject()).isEqualTo("[zkmon] /services/foo out of spec");
        assertThat(m.getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getHeader("X-Zkmon-Status")).containsExactly("firing");
        assertThat(m.getSentDate().toInstant()).isEqualTo(firing("/services/foo").at());
        assertThat((String) m.getContent()).contains("Problem:           Found children (0) less than minimum (1)", "Sent by zkmon agent agent-1.");
    }
}
