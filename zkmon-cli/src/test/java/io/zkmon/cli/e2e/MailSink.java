package io.zkmon.cli.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A local SMTP server (GreenMail) that keeps what it receives. Loaded only by tests that first checked the jar has the
 * email alerter: GreenMail needs Jakarta Mail, which comes with zkmon-alerts.
 */
final class MailSink implements AutoCloseable {

    private final GreenMail mail;
    private final int port;

    MailSink() {
        port = FreePorts.find();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    int port() {
        return port;
    }

    /** Stops listening: connections are refused, as with a mail server that is down. */
    void stop() {
        mail.stop();
    }

    /** Listens again on the same port (what it had received is kept). */
    void start() {
        mail.start();
    }

    /** Subject and recipients of every message so far, e.g. {@code you@home.com: [zkmon] /a out of spec}. */
    List<String> received() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            out.add(String.join(",", java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList()) + ": " + m.getSubject());
        }
        return out;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
