package io.zkmon.alerts.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.core.alert.Notification;

/** The JSON body the webhook sends; the schema is documented in {@code docs/webhook.md}. */
final class WebhookPayload {

    /** Bumped when a field changes meaning or disappears; adding a field keeps the version. */
    static final String VERSION = "1";

    private WebhookPayload() {
    }

    static ObjectNode of(Notification n) {
        ObjectNode o = Json.object();
        o.put("version", VERSION);
        o.put("status", n.firing() ? "firing" : "resolved");
        o.put("alert", n.alertName());
        o.put("path", n.path());
        o.put("state", n.state().name());
        if (n.previousState() == null) {
            o.putNull("previous_state");
        } else {
            o.put("previous_state", n.previousState().name());
        }
        o.put("message", n.message());
        ObjectNode children = o.putObject("children");
        children.put("count", n.childCount());
        children.set("added", Json.strings(n.childrenAdded()));
        children.set("removed", Json.strings(n.childrenRemoved()));
        o.put("cluster", n.cluster());
        o.put("agent", n.agent());
        o.put("dedup_key", n.dedupKey());
        Json.putInstant(o, "started_at", n.startedAt());
        Json.putInstant(o, "ended_at", n.endedAt());
        o.put("repeat", n.repeat());
        o.put("status_url", n.statusUrl());
        o.put("severity", n.severity().label());
        ObjectNode labels = o.putObject("labels");
        n.labels().forEach(labels::put);
        ObjectNode annotations = o.putObject("annotations");
        n.annotations().forEach(annotations::put);
        return o;
    }
}
