package io.zkmon.alerts.email;

import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import java.util.Map;

/**
 * The subject and body of the mails of one alerter, from its templates. The subject is always one header line: line
 * breaks and other control characters a value may carry are turned into spaces, so no value can add a header.
 *
 * @param prefix  put before every subject ({@code [zkmon]} with the default subject), or empty
 * @param subject the subject template
 * @param body    the body template
 */
record EmailTexts(String prefix, MessageTemplate subject, MessageTemplate body) {

    static final String DEFAULT_PREFIX = "[zkmon]";

    static final Map<String, String> SUBJECT = Map.of(
            MessageTemplate.DEFAULT_PRESET, "{{summary}}",
            MessageTemplate.SEED_PRESET, "Warning! {{path}} has an alert!");

    static final Map<String, String> BODY = Map.of(
            MessageTemplate.DEFAULT_PRESET, """
                    {{headline}}.

                    {{details}}{{#repeat}}
                    This is a reminder: the path is still out of spec.
                    {{/repeat}}

                    --\s
                    Sent by zkmon{{#agent}} agent {{agent}}{{/agent}}.
                    """,
            MessageTemplate.SEED_PRESET, "{{message}}\n{{path}} is in the {{state}} state.");

    /** The default texts, for code that builds an alerter without config. */
    static EmailTexts defaults(String prefix) {
        return new EmailTexts(prefix == null ? "" : prefix.trim(), MessageTemplate.compile(SUBJECT.get(MessageTemplate.DEFAULT_PRESET),
                MessageTemplate.PLAIN), MessageTemplate.compile(BODY.get(MessageTemplate.DEFAULT_PRESET), MessageTemplate.PLAIN));
    }

    /**
     * Reads {@code template} (parts {@code subject} and {@code body}) and {@code subject_prefix}, which defaults to
     * {@code [zkmon]} with the default subject and to nothing with any other.
     *
     * @return the texts, or null when a template was reported as invalid
     */
    static EmailTexts read(AlerterSettings s) {
        String givenPrefix = s.isMap() ? s.string("subject_prefix", null) : null;
        MessageTemplate subject = s.template("subject", SUBJECT, MessageTemplate.PLAIN);
        MessageTemplate body = s.template("body", BODY, MessageTemplate.PLAIN);
        if (subject == null || body == null) {
            return null;
        }
        String prefix = givenPrefix != null ? givenPrefix.trim()
                : subject.source().equals(SUBJECT.get(MessageTemplate.DEFAULT_PRESET)) ? DEFAULT_PREFIX : "";
        for (Notification sample : MessageTemplate.samples()) {
            if (oneLine(prefix, subject.render(sample)).isBlank()) {
                s.error("template", "the 'subject' template of alerter '" + s.name() + "' can render an empty subject;"
                        + " put some text or {{path}} in it");
                return null;
            }
        }
        return new EmailTexts(prefix, subject, body);
    }

    String subject(Notification n) {
        return oneLine(prefix, subject.render(n));
    }

    String body(Notification n) {
        return body.render(n);
    }

    /** The prefix and the text as one header line: control characters become spaces, runs of them one. */
    static String oneLine(String prefix, String text) {
        String t = ((prefix == null || prefix.isBlank() ? "" : prefix.trim() + " ") + text)
                .replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ");
        return t.strip();
    }
}
