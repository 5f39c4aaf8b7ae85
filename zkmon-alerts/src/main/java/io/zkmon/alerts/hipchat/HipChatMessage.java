package io.zkmon.alerts.hipchat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.NotificationText;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;

/** The body of a HipChat v2 room notification. */
final class HipChatMessage {

    /** HipChat refuses longer messages. */
    static final int MAX_MESSAGE = 10_000;

    private HipChatMessage() {
    }

    static ObjectNode of(Notification n, String from, boolean notify) {
        ObjectNode o = Json.object();
        o.put("color", color(n));
        o.put("message", text(n));
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
        String t = NotificationText.plain(n).strip();
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
