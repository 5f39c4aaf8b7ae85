package io.zkmon.alerts.slack;

import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import java.util.Map;

/**
 * The text of one Slack alerter's messages, from its templates: {@code text} (the message) and {@code attachment}
 * (the coloured attachment's text; when it renders empty, no attachment is sent). Values are escaped for Slack
 * ({@code &}, {@code <}, {@code >}); the template's own text is not, so it may hold links ({@code <url|label>}).
 *
 * @param text       the message text template
 * @param attachment the attachment text template
 */
record SlackTexts(MessageTemplate text, MessageTemplate attachment) {

    static final Map<String, String> TEXT = Map.of(
            MessageTemplate.DEFAULT_PRESET, "{{#firing}}:rotating_light:{{/firing}}{{^firing}}:white_check_mark:{{/firing}} {{headline}}",
            // the old daemon's text, word for word; it had no attachment
            MessageTemplate.SEED_PRESET, "({{#state_ok}}:+1:{{/state_ok}}{{#state_error}}:exclamation:{{/state_error}}"
                    + "{{#state_unknown}}:grey_question:{{/state_unknown}}) {{path}} is in {{state}} - {{message}}");

    static final Map<String, String> ATTACHMENT = Map.of(
            MessageTemplate.DEFAULT_PRESET, "{{message}}",
            MessageTemplate.SEED_PRESET, "");

    /** The default texts. */
    static SlackTexts defaults() {
        return new SlackTexts(MessageTemplate.compile(TEXT.get(MessageTemplate.DEFAULT_PRESET), SlackMessage::escape),
                MessageTemplate.compile(ATTACHMENT.get(MessageTemplate.DEFAULT_PRESET), SlackMessage::escape));
    }

    /** Reads {@code template}; null when it was reported as invalid. */
    static SlackTexts read(AlerterSettings s) {
        MessageTemplate text = s.template("text", TEXT, SlackMessage::escape);
        MessageTemplate attachment = s.template("attachment", ATTACHMENT, SlackMessage::escape);
        return text == null || attachment == null ? null : new SlackTexts(text, attachment);
    }
}
