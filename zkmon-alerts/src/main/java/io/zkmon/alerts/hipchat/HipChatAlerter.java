package io.zkmon.alerts.hipchat;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/** Posts to a HipChat room with the v2 room notification API (answers 204 on success). */
final class HipChatAlerter implements Alerter {

    private final URI endpoint;
    private final String room;
    private final String from;
    private final boolean notify;
    private final Map<String, String> auth;
    private final HttpSender http;
    private final MessageTemplate message;

    HipChatAlerter(URI endpoint, String room, String token, String from, boolean notify, HttpSender http, MessageTemplate message) {
        this.message = message;
        this.endpoint = endpoint;
        this.room = room;
        this.from = from;
        this.notify = notify;
        this.auth = Map.of("Authorization", "Bearer " + token);
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        return http.postJson(endpoint, auth, Json.write(HipChatMessage.of(n, message, from, notify))).result();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "hipchat room '" + room + "' at " + Redactor.origin(endpoint);
    }
}
