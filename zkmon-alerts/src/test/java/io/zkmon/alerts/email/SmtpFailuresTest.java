package io.zkmon.alerts.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult.Outcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

class SmtpFailuresTest {

    private static final Redactor REDACTOR = Redactor.of(List.of("hunter2-secret"));

    @Test
    void aRefusedLoginIsPermanentAndNeverShowsThePassword() {
        var r = SmtpFailures.connection(new AuthenticationFailedException("535 5.7.8 bad credentials for hunter2-secret"), "h:25", REDACTOR);
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(r.detail()).contains("refused the login", "535").doesNotContain("hunter2-secret");
    }

    @Test
    void anUnreachableServerOrABrokenConnectionIsRetryable() {
        var refused = new MailConnectException(new SocketConnectException("refused", new java.net.ConnectException(), "h", 25, 1000));
        assertThat(SmtpFailures.connection(refused, "h:25", REDACTOR).outcome()).isEqualTo(Outcome.RETRYABLE);
        var timeout = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));
        assertThat(SmtpFailures.connection(timeout, "h:25", REDACTOR).detail()).contains("lost the connection", "SocketTimeoutException");
    }

    @Test
    void aRecipientIsRetryableOn4xxAndPermanentOn5xx() throws Exception {
        InternetAddress to = new InternetAddress("b@x.com");
        var greylisted = new SMTPSendFailedException("RCPT", 451, "451 4.7.1 greylisted, try later", null, null, null, null);
        var unknown = new SMTPSendFailedException("DATA", 550, "550 failed",
                new SMTPAddressFailedException(to, "RCPT TO", 550, "550 5.1.1 user unknown"), null, null, null);
        assertThat(SmtpFailures.recipient(greylisted, "b@x.com", "h:25", REDACTOR).outcome()).isEqualTo(Outcome.RETRYABLE);
        var refused = SmtpFailures.recipient(unknown, "b@x.com", "h:25", REDACTOR);
        assertThat(refused.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(refused.detail()).isEqualTo("b@x.com: h:25 answered '550 5.1.1 user unknown'");
    }

    @Test
    void aFailureWithoutAReplyCodeIsNotBlamedOnTheRecipient() {
        assertThat(SmtpFailures.recipient(new MessagingException("connection dropped"), "b@x.com", "h:25", REDACTOR)).isNull();
    }

    @Test
    void aServerWithoutTheRequiredStartTlsIsPermanent() {
        var r = SmtpFailures.connection(new MessagingException("STARTTLS is required but host does not support STARTTLS"), "h:25", REDACTOR);
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(r.detail()).contains("does not offer STARTTLS");
    }
}
