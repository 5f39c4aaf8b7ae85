package io.zkmon.alerts.hipchat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import java.util.Map;

/** The body of a HipChat v2 room notification; its text from the alerter's {@code message} template. */
final class HipChatMessage {

    /** HipChat refuses longer messages. */
    static final int MAX_MESSAGE = 10_000;

    static final Map<String, String> MESSAGE = Map.of(
            MessageTemplate.DEFAULT_PRESET, "{{headline}}.\n\n{{details}}",
            // the old daemon's text: HipChat shows (successful) and (failed) as icons
            MessageTemplate.SEED_PRESET, "({{#state_ok}}successful{{/state_ok}}{{#state_error}}failed{{/state_error}}"
                    + "{{#state_unknown}}unknown{{/state_unknown}}) {{path}} is in {{state}} - {{message}}");

    private HipChatMessage() {
    }

    /** The default message template. */
    static MessageTemplate defaultTemplate() {
        return MessageTemplate.compile(MESSAGE.get(MessageTemplate.DEFAULT_PRESET), MessageTemplate.PLAIN);
    }

    static ObjectNode of(Notification n, String from, boolean notify) {
        return of(n, defaultTemplate(), from, notify);
    }

    static ObjectNode of(Notification n, MessageTemplate message, String from, boolean notify) {
        ObjectNode o = Json.object();
        o.put("color", color(n));
        o.put("message", text(message.render(n)));
        o.put("notify", notify);
        o.put("message_format", "text");
        if (from != null) {
            o.put("from", from);
        }
        return o;
    }

    /** Red while out of spec, green when back, gray for anything else. */
    static String color(Notification n) {
        if (n.firing()) {
            return "red";
        }
        return n.state() == State.OK ? "green" : "gray";
    }

    static String text(Notification n) {
        return text(defaultTemplate().render(n));
    }

    private static String text(String rendered) {
        String t = rendered.strip();
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
