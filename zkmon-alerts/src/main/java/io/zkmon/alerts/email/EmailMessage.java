package io.zkmon.alerts.email;

import io.zkmon.core.alert.Notification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;

/**
 * The mail for one notification and one recipient, its subject and body from the alerter's {@link EmailTexts}. By
 * default the subject is stable per path ({@code [zkmon] /services/foo out of spec}, {@code ... back in spec}), and
 * every mail of one incident carries the same {@code References} header, so mail clients show the alert and its
 * recovery as one thread.
 */
final class EmailMessage {

    private EmailMessage() {
    }

    static String subject(String prefix, Notification n) {
        return EmailTexts.defaults(prefix).subject(n);
    }

    static String body(Notification n) {
        return EmailTexts.defaults(EmailTexts.DEFAULT_PREFIX).body(n);
    }

    /** {@code <incident.HASH@zkmon>}: the same for a firing, its reminders and its resolution. */
    static String threadId(Notification n) {
        String key = n.dedupKey() != null ? n.dedupKey() : n.cluster() + ":" + n.path() + ":" + n.startedAt();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<incident." + HexFormat.of().formatHex(hash, 0, 16) + "@zkmon>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static MimeMessage build(Session session, String subjectPrefix, InternetAddress from, InternetAddress to, Notification n)
            throws MessagingException {
        return build(session, EmailTexts.defaults(subjectPrefix), from, to, n);
    }

    static MimeMessage build(Session session, EmailTexts texts, InternetAddress from, InternetAddress to, Notification n)
            throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(texts.subject(n), StandardCharsets.UTF_8.name());
        m.setSentDate(n.at() == null ? new Date() : Date.from(n.at()));
        m.setText(texts.body(n), StandardCharsets.UTF_8.name(), "plain");
        String thread = threadId(n);
        m.setHeader("References", thread);
        m.setHeader("In-Reply-To", thread);
        // RFC 3834: keeps vacation responders and ticket systems from answering
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Zkmon-Status", n.firing() ? "firing" : "resolved");
        return m;
    }
}
