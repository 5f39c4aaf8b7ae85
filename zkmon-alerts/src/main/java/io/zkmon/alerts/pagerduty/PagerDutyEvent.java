package io.zkmon.alerts.pagerduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The PagerDuty Events API v2 body for a notification: {@code trigger} when firing, {@code resolve} when back. The
 * path's severity becomes {@code payload.severity} (unless the alerter fixes one), its labels and annotations go into
 * {@code custom_details}, and its {@code *_url} annotations (the runbook) become {@code links}.
 */
final class PagerDutyEvent {

    /** PagerDuty's limits. */
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;

    static final Map<String, String> SUMMARY = Map.of(MessageTemplate.DEFAULT_PRESET, "{{summary}}: {{message}}");

    private PagerDutyEvent() {
    }

    static ObjectNode of(Notification n, String routingKey, String severity) {
        return of(n, routingKey, severity, MessageTemplate.compile(SUMMARY.get(MessageTemplate.DEFAULT_PRESET), MessageTemplate.PLAIN));
    }

    /**
     * @param severity the alerter's fixed severity, or null for the path's
     * @param summary  the {@code payload.summary} template
     */
    static ObjectNode of(Notification n, String routingKey, String severity, MessageTemplate summary) {
        ObjectNode o = Json.object();
        o.put("routing_key", routingKey);
        o.put("event_action", n.firing() ? "trigger" : "resolve");
        o.put("dedup_key", dedupKey(n));
        if (!n.firing()) {
            return o; // a resolve needs nothing else: PagerDuty matches it by dedup_key
        }
        ObjectNode payload = o.putObject("payload");
        String text = summary.render(n).strip();
        payload.put("summary", truncate(text.isEmpty() ? n.summary() : text, MAX_SUMMARY));
        payload.put("source", n.cluster() == null ? "zkmon" : n.cluster());
        payload.put("severity", severity != null ? severity : n.severity().label());
        if (n.startedAt() != null) {
            payload.put("timestamp", n.startedAt().toString());
        }
        payload.put("component", n.path());
        payload.put("class", n.selfAlert() ? n.alertName() : "znode out of spec");
        ObjectNode details = payload.putObject("custom_details");
        details.put("alert", n.alertName());
        details.put("message", n.message());
        details.put("state", n.state().name());
        details.put("previous_state", n.previousState() == null ? null : n.previousState().name());
        ObjectNode children = details.putObject("children");
        children.put("count", n.childCount());
        children.set("added", Json.strings(n.childrenAdded()));
        children.set("removed", Json.strings(n.childrenRemoved()));
        details.put("agent", n.agent());
        details.put("severity", n.severity().label());
        if (!n.labels().isEmpty()) {
            ObjectNode labels = details.putObject("labels");
            n.labels().forEach(labels::put);
        }
        if (!n.annotations().isEmpty()) {
            ObjectNode annotations = details.putObject("annotations");
            n.annotations().forEach(annotations::put);
        }
        o.put("client", "zkmon");
        if (n.statusUrl() != null) {
            o.put("client_url", n.statusUrl());
        }
        ArrayNode links = Json.object().arrayNode();
        n.annotations().forEach((k, v) -> {
            if (k.endsWith("_url")) {
                ObjectNode link = links.addObject();
                link.put("href", v);
                link.put("text", k.equals("runbook_url") ? "Runbook" : k.substring(0, k.length() - 4).replace('_', ' '));
            }
        });
        if (!links.isEmpty()) {
            o.set("links", links);
        }
        return o;
    }

    /**
     * The notification's dedup key (stable per cluster, path and incident, shared by a firing and its resolution),
     * or, when longer than PagerDuty allows, a SHA-256 of it: still stable, still shared.
     */
    static String dedupKey(Notification n) {
        String key = n.dedupKey() != null ? n.dedupKey() : n.cluster() + ":" + n.path() + ":" + n.startedAt();
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "zkmon:sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
