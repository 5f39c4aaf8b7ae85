package io.zkmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The bench's SMTP server speaks SMTP to Jakarta Mail and times each step of every mail's conversation. */
class SmtpSinkTest {

    private static MimeMessage mail(Session s, String status) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("zkmon@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("oncall@example.com"));
        m.setSubject("[zkmon] /p out of spec");
        m.setText("line 1\n.starts with a dot\n");
        m.setHeader("X-Zkmon-Status", status);
        m.saveChanges();
        return m;
    }

    @Test
    void timesEveryStepOfAMailAndKeepsTheConnectionUntilToldOtherwise() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sink.port()));
            Session s = Session.getInstance(p);
            try (Transport t = s.getTransport("smtp")) {
                t.connect();
                t.sendMessage(mail(s, "firing"), new InternetAddress[] {new InternetAddress("oncall@example.com")});
                t.sendMessage(mail(s, "resolved"), new InternetAddress[] {new InternetAddress("oncall@example.com")});
            }
            SmtpSink.Mail first = sink.await(m -> m.status().equals("firing"), 10_000);
            SmtpSink.Mail second = sink.await(m -> m.status().equals("resolved"), 10_000);

            assertThat(first.steps()).extracting(SmtpSink.Step::verb).containsExactly("CONNECT", "EHLO", "MAIL", "RCPT", "DATA", "END");
            assertThat(first.newConnection()).isTrue();
            assertThat(first.bytes()).isPositive();
            assertThat(second.steps()).extracting(SmtpSink.Step::verb).endsWith("MAIL", "RCPT", "DATA", "END");
            assertThat(second.newConnection()).isFalse();
            assertThat(second.connection()).isEqualTo(first.connection());
            List<Long> times = first.steps().stream().map(SmtpSink.Step::nanos).toList();
            assertThat(times).isSorted();
        }
    }

    @Test
    void closingAfterEachMailMakesTheNextOneOpenANewConnection() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            sink.closeAfterMail(true);
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sink.port()));
            Session s = Session.getInstance(p);
            for (String status : List.of("firing", "resolved")) {
                try (Transport t = s.getTransport("smtp")) {
                    t.connect();
                    t.sendMessage(mail(s, status), new InternetAddress[] {new InternetAddress("oncall@example.com")});
                } catch (jakarta.mail.MessagingException closedByTheServer) {
                    // QUIT on a connection the server already closed
                }
            }
            assertThat(sink.await(m -> m.status().equals("resolved"), 10_000).newConnection()).isTrue();
            assertThat(sink.mails()).extracting(SmtpSink.Mail::connection).containsExactly(1, 2);
        }
    }
}
