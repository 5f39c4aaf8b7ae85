package io.zkmon.alerts.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.NotificationText;
import io.zkmon.core.alert.Notification;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/alerts} for a notification: one alert whose labels identify the path (so every
 * re-send and the resolution update the same alert), with {@code endsAt} only when the path is back in spec.
 */
final class AlertmanagerAlert {

    /** The {@code alertname} label of every zkmon alert. */
    static final String ALERT_NAME = "ZnodeOutOfSpec";

    private AlertmanagerAlert() {
    }

    static ArrayNode of(Notification n, Map<String, String> extraLabels) {
        ArrayNode alerts = Json.object().arrayNode();
        ObjectNode a = alerts.addObject();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", ALERT_NAME);
        labels.put("path", n.path());
        if (n.cluster() != null && !n.cluster().isBlank()) {
            labels.put("cluster", n.cluster());
        }
        extraLabels.forEach(labels::put);
        ObjectNode annotations = a.putObject("annotations");
        // not the "still out of spec" of a reminder: every refresh would flip the annotation
        annotations.put("summary", n.summary());
        annotations.put("description", n.message() + " Children: " + NotificationText.children(n) + ".");
        if (n.agent() != null) {
            // an annotation, not a label: another agent taking over must update the same alert
            annotations.put("agent", n.agent());
        }
        if (n.startedAt() != null) {
            a.put("startsAt", n.startedAt().toString());
        }
        if (n.endedAt() != null) {
            a.put("endsAt", n.endedAt().toString());
        }
        if (isAbsoluteUrl(n.statusUrl())) {
            a.put("generatorURL", n.statusUrl());
        }
        return alerts;
    }

    /** Alertmanager rejects the whole request when generatorURL is not a URI, so a bad one is left out. */
    private static boolean isAbsoluteUrl(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        try {
            URI u = new URI(s);
            return u.isAbsolute() && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
