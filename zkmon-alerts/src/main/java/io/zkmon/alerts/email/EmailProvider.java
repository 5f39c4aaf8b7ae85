package io.zkmon.alerts.email;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Type {@code email}: one plain-text mail per address, through an SMTP server (Jakarta Mail with Angus).
 *
 * <pre>{@code
 * alerter: {email: you@home.com}                       # or a list, or "a@x.com, b@x.com"
 * alerters:
 *   oncall:
 *     type: email
 *     to: [a@x.com, b@x.com]
 *     smtp: {host: smtp.example.com, port: 587, starttls: true, username: zkmon, password: "${SMTP_PASSWORD}", from: zkmon@example.com}
 * }</pre>
 *
 * Without {@code smtp.host}/{@code smtp.port}, the environment variables {@code SMTP_HOST} and {@code SMTP_PORT}
 * are used, else {@code localhost:25}. {@code template} (a preset such as {@code seed}, or {@code subject} and
 * {@code body}) sets the text; {@code subject_prefix} is put before the subject.
 */
public final class EmailProvider implements AlerterProvider {

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public EmailProvider() {
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        List<String> given;
        String key;
        SmtpSettings smtp;
        EmailTexts texts = EmailTexts.read(s);
        if (s.isMap()) {
            // read every key before judging, so a problem with one does not make the others look unknown
            key = "to";
            given = s.strings("to");
            AlerterSettings smtpMap = s.has("smtp") ? s.child("smtp") : null;
            if (smtpMap != null && !smtpMap.isMap()) {
                s.error("smtp", "'smtp' of alerter '" + s.name() + "' must be a map: {host, port, username, password, starttls, ssl, from}");
                smtpMap = null;
            }
            smtp = SmtpSettings.read(smtpMap, s);
            if (given.isEmpty()) {
                s.error("to", "alerter '" + s.name() + "' needs 'to': an address or a list of addresses");
                return null;
            }
        } else {
            key = type();
            given = s.values();
            if (given.isEmpty()) {
                s.error(type(), "alerter '" + s.name() + "' needs at least one address");
                return null;
            }
            smtp = SmtpSettings.read(null, s);
        }
        List<InternetAddress> to = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (String text : given.stream().flatMap(v -> Addresses.split(v).stream()).toList()) {
            try {
                InternetAddress a = Addresses.parse(text, s.lenient());
                if (Addresses.isLocal(a)) {
                    s.warning(key, "'" + text + "' in alerter '" + s.name() + "' has no domain; sent as it is, for the SMTP server"
                            + " to complete (as the old daemon did)");
                }
                if (seen.add(a.getAddress().toLowerCase(java.util.Locale.ROOT))) {
                    to.add(a);
                }
            } catch (IllegalArgumentException e) {
                s.error(key, "'" + text + "' in alerter '" + s.name() + "' is not a valid email address (" + e.getMessage() + ")");
                ok = false;
            }
        }
        return ok && texts != null ? new EmailAlerter(to, smtp, texts) : null;
    }
}
