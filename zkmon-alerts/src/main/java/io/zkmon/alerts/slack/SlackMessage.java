package io.zkmon.alerts.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.NotificationText;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.TemplateVariables;
import java.util.List;

/**
 * The Slack message for a notification, as {@code chat.postMessage} and incoming webhooks both take it: a short
 * {@code text} with an icon, and an attachment coloured by state carrying the details (both texts from the alerter's
 * {@link SlackTexts}).
 */
final class SlackMessage {

    static final String FIRING_ICON = ":rotating_light:";
    static final String RESOLVED_ICON = ":white_check_mark:";
    static final String FIRING_COLOR = "danger";
    static final String RESOLVED_COLOR = "good";

    /** Shown side by side in the attachment; the rest get a full line. */
    private static final List<String> SHORT_FIELDS = List.of("State", "Children", "Severity", "Cluster", "Agent");

    private SlackMessage() {
    }

    /**
     * @param channel  the channel, or null (an incoming webhook posts to its own channel)
     * @param username the name to post as, or null
     * @param asUser   Slack's {@code as_user} flag, or null to leave it out
     */
    static ObjectNode of(Notification n, String channel, String username, Boolean asUser) {
        return of(n, SlackTexts.defaults(), channel, username, asUser);
    }

    static ObjectNode of(Notification n, SlackTexts texts, String channel, String username, Boolean asUser) {
        ObjectNode o = Json.object();
        if (channel != null) {
            o.put("channel", channel);
        }
        if (username != null) {
            o.put("username", username);
        }
        String icon = n.firing() ? FIRING_ICON : RESOLVED_ICON;
        o.put("icon_emoji", icon);
        if (asUser != null) {
            o.put("as_user", asUser.booleanValue());
        }
        o.put("text", texts.text().render(n));
        String attachmentText = texts.attachment().render(n);
        if (attachmentText.isBlank()) {
            return o;
        }
        ArrayNode attachments = o.putArray("attachments");
        ObjectNode a = attachments.addObject();
        a.put("color", n.firing() ? FIRING_COLOR : RESOLVED_COLOR);
        a.put("fallback", escape(NotificationText.headline(n) + ": " + n.message()));
        a.put("title", escape(NotificationText.headline(n)));
        if (n.statusUrl() != null) {
            a.put("title_link", n.statusUrl());
        }
        a.put("text", attachmentText);
        ArrayNode fields = a.putArray("fields");
        for (TemplateVariables.Field f : NotificationText.fields(n)) {
            if (f.label().equals("Path") || f.label().equals("Problem") || f.label().equals("Now") || f.label().equals("Status")) {
                continue; // already the title, the text and the title's link
            }
            ObjectNode field = fields.addObject();
            field.put("title", f.label());
            field.put("value", escape(f.value()));
            field.put("short", SHORT_FIELDS.contains(f.label()));
        }
        a.put("footer", "zkmon");
        if (n.at() != null) {
            a.put("ts", n.at().getEpochSecond());
        }
        return o;
    }

    /** Slack's three control characters in message text. */
    static String escape(String s) {
        return s == null ? null : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
