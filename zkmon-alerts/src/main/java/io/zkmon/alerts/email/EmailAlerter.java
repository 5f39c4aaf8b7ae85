package io.zkmon.alerts.email;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends one plain-text mail per recipient (as the old daemon did, so nobody sees the others' addresses) over one SMTP
 * connection, kept open for the next notification for a while ({@link #KEEP_OPEN}). A retry goes only to the
 * recipients that did not get it yet ({@link RecipientLedger}).
 */
final class EmailAlerter implements Alerter {

    private final List<InternetAddress> to;
    private final SmtpSettings smtp;
    private final EmailTexts texts;
    private final Redactor redactor;
    private final RecipientLedger ledger = new RecipientLedger();
    private volatile Session session;
    private volatile InternetAddress from;
    /** Connections kept open after a send, newest first. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Idle> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** How long an idle SMTP connection is kept: well under the few minutes after which servers drop idle sessions. */
    static final java.time.Duration KEEP_OPEN = java.time.Duration.ofSeconds(30);
    /** Connections kept at most (one per delivery thread that sends at the same time). */
    static final int MAX_IDLE = 4;

    EmailAlerter(List<InternetAddress> to, SmtpSettings smtp, EmailTexts texts) {
        this.to = List.copyOf(to);
        this.smtp = smtp;
        this.texts = texts;
        this.redactor = smtp.password() == null ? Redactor.none() : Redactor.of(List.of(smtp.password()));
    }

    @Override
    public SendResult send(Notification n) {
        // Jakarta Mail finds its implementation through the context class loader; make it ours, so this works when
        // zkmon-alerts is loaded by a plugin class loader the delivery thread knows nothing about.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(EmailAlerter.class.getClassLoader());
        try {
            return deliver(n);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private SendResult deliver(Notification n) {
        Map<String, Optional<String>> earlier = ledger.settled(n);
        List<InternetAddress> pending = to.stream().filter(a -> !earlier.containsKey(a.getAddress())).toList();
        List<String> retryable = new ArrayList<>();
        if (!pending.isEmpty()) {
            Session s = session();
            Transport transport = null;
            try {
                transport = kept();
                if (transport != null) {
                    try {
                        sendAll(s, transport, pending, n, retryable);
                    } catch (MessagingException e) {
                        // the server closed the kept connection meanwhile: once more, on a new one
                        closeQuietly(transport);
                        transport = null;
                        retryable.clear();
                        Map<String, Optional<String>> settled = ledger.settled(n);
                        pending = pending.stream().filter(a -> !settled.containsKey(a.getAddress())).toList();
                    }
                }
                if (transport == null) {
                    transport = s.getTransport("smtp");
                    transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
                    sendAll(s, transport, pending, n, retryable);
                }
                keep(transport);
                transport = null;
            } catch (MessagingException e) {
                SendResult r = SmtpFailures.connection(e, smtp.server(), redactor);
                if (r.outcome() == SendResult.Outcome.PERMANENT) {
                    // a refused login or missing STARTTLS stops every remaining address alike
                    String tally = tally(n);
                    ledger.forget(n);
                    return SendResult.permanent(tally + r.detail());
                }
                retryable.add(r.detail());
            } finally {
                closeQuietly(transport);
            }
        }
        return outcome(n, retryable);
    }

    private void sendAll(Session s, Transport transport, List<InternetAddress> pending, Notification n, List<String> retryable)
            throws MessagingException {
        for (InternetAddress rcpt : pending) {
            SendResult r = sendOne(s, transport, rcpt, n);
            if (r == null) {
                ledger.delivered(n, rcpt.getAddress());
            } else if (r.outcome() == SendResult.Outcome.PERMANENT) {
                ledger.refused(n, rcpt.getAddress(), r.detail());
            } else {
                retryable.add(r.detail());
                if (!transport.isConnected()) {
                    break;
                }
            }
        }
    }

    /**
     * An open connection from an earlier send, checked with a NOOP, or null. A new connection per mail costs a TCP
     * handshake, the server's greeting and EHLO: a few ms against a local server that writes its EHLO reply at once,
     * but ~45 ms against one that writes it line by line (GreenMail does), whose Nagle algorithm then waits for our
     * delayed ACK (measured in zkmon-bench's alert latency); so one idle connection is kept for {@link #KEEP_OPEN}.
     */
    private Transport kept() {
        Idle idle;
        while ((idle = this.idle.pollFirst()) != null) {
            if (System.nanoTime() - idle.sinceNanos() < KEEP_OPEN.toNanos() && idle.transport().isConnected()) {
                return idle.transport();
            }
            closeQuietly(idle.transport());
        }
        return null;
    }

    /** Keeps a connection for the next send, if it is still open; at most {@link #MAX_IDLE} are kept. */
    private void keep(Transport transport) {
        if (closed || !transport.isConnected() || idle.size() >= MAX_IDLE) {
            closeQuietly(transport);
            return;
        }
        idle.offerFirst(new Idle(transport, System.nanoTime()));
        if (closed) {
            closeIdle();
        }
    }

    private void closeIdle() {
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.transport());
        }
    }

    /** Closes the connections kept for the next send. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private record Idle(Transport transport, long sinceNanos) {
    }

    /** @return null when delivered, else the failure */
    private SendResult sendOne(Session s, Transport transport, InternetAddress rcpt, Notification n) throws MessagingException {
        try {
            MimeMessage m = EmailMessage.build(s, texts, from(), rcpt, n);
            m.saveChanges();
            transport.sendMessage(m, new Address[] {rcpt});
            return null;
        } catch (MessagingException e) {
            SendResult r = SmtpFailures.recipient(e, rcpt.getAddress(), smtp.server(), redactor);
            if (r == null) {
                throw e; // the conversation broke: not about this recipient
            }
            return r;
        }
    }

    /** {@code delivered to 1 of 3 addresses; }, or nothing for a single address. */
    private String tally(Notification n) {
        if (to.size() == 1) {
            return "";
        }
        long delivered = ledger.settled(n).values().stream().filter(Optional::isEmpty).count();
        return "delivered to " + delivered + " of " + to.size() + " addresses; ";
    }

    private SendResult outcome(Notification n, List<String> retryable) {
        List<String> refused = ledger.settled(n).values().stream().flatMap(Optional::stream).toList();
        String tally = tally(n);
        if (!retryable.isEmpty()) {
            return SendResult.retryable(tally + String.join("; ", retryable) + (refused.isEmpty() ? "" : "; " + String.join("; ", refused)));
        }
        ledger.forget(n);
        if (!refused.isEmpty()) {
            return SendResult.permanent(tally + String.join("; ", refused));
        }
        return SendResult.sent();
    }

    private Session session() {
        Session s = session;
        if (s == null) {
            s = Session.getInstance(sessionProperties(smtp, from(), SmtpSockets.ehloName()));
            session = s;
        }
        return s;
    }

    /**
     * Jakarta Mail's settings for one alerter: timeouts, login, TLS, the sender, and the connection's own: Nagle off
     * ({@link SmtpSockets}) and the {@code EHLO} name looked up once ({@code ehlo}, or null to leave it to Jakarta Mail).
     */
    static Properties sessionProperties(SmtpSettings smtp, InternetAddress from, String ehlo) {
        Properties p = new Properties();
        String ms = Long.toString(smtp.timeout().toMillis());
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        p.put("mail.smtp.ssl.enable", Boolean.toString(smtp.ssl()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(!smtp.insecureSkipVerify()));
        if (smtp.insecureSkipVerify()) {
            p.put("mail.smtp.ssl.trust", "*");
        }
        p.put("mail.smtp.from", from.getAddress());
        // the TCP socket under plain SMTP, STARTTLS and SMTPS alike (TLS is layered over it); never the TLS factory,
        // which would bypass ssl.trust and checkserveridentity
        p.put("mail.smtp.socketFactory", SmtpSockets.NO_DELAY);
        if (ehlo != null) {
            p.put("mail.smtp.localhost", ehlo);
        }
        return p;
    }

    private InternetAddress from() {
        InternetAddress f = from;
        if (f == null) {
            f = smtp.from() != null ? smtp.from() : defaultFrom();
            from = f;
        }
        return f;
    }

    /** {@code zkmon@<this host>}, looked up on first use (a DNS lookup must not happen at config load). */
    private static InternetAddress defaultFrom() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        try {
            return new InternetAddress("zkmon@" + host);
        } catch (MessagingException e) {
            try {
                return new InternetAddress("zkmon@localhost");
            } catch (MessagingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static void closeQuietly(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException e) {
                // the mails are handed over; a failed QUIT changes nothing
            }
        }
    }

    /** The texts this alerter sends (for tests). */
    EmailTexts texts() {
        return texts;
    }

    /** The addresses it sends to, as given (for tests). */
    List<String> recipients() {
        return to.stream().map(InternetAddress::getAddress).toList();
    }

    @Override
    public String toString() {
        return "email to " + to.stream().map(InternetAddress::getAddress).toList() + " via " + smtp;
    }
}
