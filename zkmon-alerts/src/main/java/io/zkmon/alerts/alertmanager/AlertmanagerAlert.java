package io.zkmon.alerts.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/alerts} for a notification: one alert whose labels identify the path (so every
 * re-send and the resolution update the same alert), with {@code endsAt} only when the path is back in spec. Labels:
 * zkmon's ({@code alertname}, {@code path}, {@code cluster}), the path's {@code severity} and labels, then the
 * alerter's own. Annotations: {@code summary} and {@code description} from the alerter's templates, then the
 * path's annotations (which win), then {@code agent}.
 */
final class AlertmanagerAlert {

    /** The {@code alertname} label of every zkmon alert. */
    static final String ALERT_NAME = "ZnodeOutOfSpec";

    static final Map<String, String> SUMMARY = Map.of(MessageTemplate.DEFAULT_PRESET, "{{summary}}");
    static final Map<String, String> DESCRIPTION = Map.of(MessageTemplate.DEFAULT_PRESET, "{{message}} Children: {{children.text}}.");

    private AlertmanagerAlert() {
    }

    static ArrayNode of(Notification n, Map<String, String> extraLabels) {
        return of(n, extraLabels, MessageTemplate.compile(SUMMARY.get(MessageTemplate.DEFAULT_PRESET), MessageTemplate.PLAIN),
                MessageTemplate.compile(DESCRIPTION.get(MessageTemplate.DEFAULT_PRESET), MessageTemplate.PLAIN));
    }

    static ArrayNode of(Notification n, Map<String, String> extraLabels, MessageTemplate summary, MessageTemplate description) {
        ArrayNode alerts = Json.object().arrayNode();
        ObjectNode a = alerts.addObject();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", ALERT_NAME);
        labels.put("path", n.path());
        if (n.cluster() != null && !n.cluster().isBlank()) {
            labels.put("cluster", n.cluster());
        }
        labels.put("severity", n.severity().label());
        n.labels().forEach(labels::put);
        extraLabels.forEach(labels::put);
        ObjectNode annotations = a.putObject("annotations");
        // by default not the "still out of spec" of a reminder: every refresh would flip the annotation
        putIfText(annotations, "summary", summary.render(n));
        putIfText(annotations, "description", description.render(n));
        n.annotations().forEach(annotations::put);
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

    private static void putIfText(ObjectNode o, String field, String text) {
        if (!text.isBlank()) {
            o.put(field, text.strip());
        }
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
