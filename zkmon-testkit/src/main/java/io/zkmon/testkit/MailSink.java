package io.zkmon.testkit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real SMTP server (GreenMail) on a fixed port of 127.0.0.1 that keeps what it receives and can be stopped and
 * started again on the same port, as a mail relay going down and coming back would. Login is required only for the
 * users it was given. Needs GreenMail and Jakarta Mail (Angus) on the classpath: optional dependencies of the testkit.
 */
public final class MailSink implements AutoCloseable {

    private final int port;
    private final String protocol;
    private final GreenMailConfiguration config;
    private GreenMail greenMail;

    private MailSink(int port, String protocol, GreenMailConfiguration config) {
        this.port = port;
        this.protocol = protocol;
        this.config = config;
    }

    /** Plain SMTP (STARTTLS is not offered: GreenMail does not speak it). */
    public static MailSink smtp() {
        return new MailSink(FreePorts.find(), ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig()).start();
    }

    /** SMTP over TLS from the first byte (port 465 style), with GreenMail's self-signed certificate. */
    public static MailSink smtps() {
        return new MailSink(FreePorts.find(), ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig()).start();
    }

    /** Plain SMTP with one user who must log in with this password to be accepted. */
    public static MailSink smtpWithUser(String login, String password) {
        return new MailSink(FreePorts.find(), ServerSetup.PROTOCOL_SMTP,
                GreenMailConfiguration.aConfig().withUser("zkmon@example.com", login, password)).start();
    }

    /** The SMTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Starts (again) on the same port. */
    public synchronized MailSink start() {
        if (greenMail == null) {
            ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
            setup.setServerStartupTimeout(10_000);
            greenMail = new GreenMail(setup).withConfiguration(config);
            greenMail.start();
        }
        return this;
    }

    /** Stops: connections are refused until {@link #start()}. Received mail is forgotten. */
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Changes a user's password, so the alerter's login is refused. */
    public synchronized void setPassword(String login, String password) {
        greenMail.getUserManager().getUser(login).setPassword(password);
    }

    /** Every mail received so far. */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    /** Waits until at least {@code n} mails arrived. */
    public List<MimeMessage> awaitMessages(int n, Duration timeout) {
        Awaitility.await(n + " mails at 127.0.0.1:" + port).atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> received().size() >= n);
        return received();
    }

    /**
     * Recipients and subject of every mail so far, e.g. {@code you@home.com: [zkmon] /a out of spec}
     * ({@code a@x.com,b@x.com: ...} for several).
     */
    public List<String> summaries() {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : received()) {
            try {
                out.add(String.join(",", Arrays.stream(m.getAllRecipients()).map(Object::toString).toList()) + ": " + m.getSubject());
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** The mails to one address. */
    public List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : received()) {
            try {
                for (var a : m.getRecipients(Message.RecipientType.TO)) {
                    if (a.toString().contains(address)) {
                        out.add(m);
                    }
                }
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** A message's subject, for assertions. */
    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** A message's text body, for assertions. */
    public static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A message's first value of a header. */
    public static String header(MimeMessage m, String name) {
        try {
            String[] v = m.getHeader(name);
            return v == null ? null : v[0];
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
