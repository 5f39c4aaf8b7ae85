package io.zkmon.alerts.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/alerts} for a notification: one alert whose labels identify the path (so every
 * re-send and the resolution update the same alert), with {@code endsAt} only when the path is back in spec. Labels:
 * zkmon's ({@code alertname}: {@code ZkmonPathOutOfSpec}, or {@code ZkmonBlind} and the other conditions of zkmon
 * itself; {@code path}, {@code cluster}), the path's {@code severity} and labels, then the alerter's own.
 * Annotations: {@code summary} and {@code description} from the alerter's templates, then the path's annotations
 * (which win), then {@code agent}. And the always-firing {@value #WATCHDOG} alert.
 */
final class AlertmanagerAlert {

    /** The {@code alertname} of the always-firing alert that says zkmon is alive (for dead man's switch routes). */
    static final String WATCHDOG = "ZkmonWatchdog";

    /** How many watchdog intervals a watchdog alert lasts unless sent again, as Prometheus lets its alerts last. */
    static final int WATCHDOG_LIFETIMES = 4;

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
        // ZkmonPathOutOfSpec for a path; zkmon's own conditions (ZkmonBlind, ...) have their own
        labels.put("alertname", n.alertName());
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

    /**
     * The always-firing {@value #WATCHDOG} alert for one heartbeat: labelled by the cluster only (so whichever agent
     * sends, it is the same alert), ending {@value #WATCHDOG_LIFETIMES} intervals from now unless sent again, so it
     * resolves by itself soon after zkmon stops sending it and a dead man's switch behind Alertmanager notices.
     */
    static ArrayNode watchdog(Heartbeat beat, Map<String, String> extraLabels, Duration interval) {
        ArrayNode alerts = Json.object().arrayNode();
        ObjectNode a = alerts.addObject();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", WATCHDOG);
        labels.put("cluster", beat.cluster());
        extraLabels.forEach(labels::put);
        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", "zkmon cluster " + beat.cluster() + " is alive and sends alerts");
        annotations.put("description", "Always firing while a zkmon agent of cluster " + beat.cluster() + " sends alerts and sees"
                + " ZooKeeper. Route it to a dead man's switch: its silence means zkmon is down, blind, or has no sender.");
        annotations.put("agent", beat.agent());
        a.put("endsAt", beat.at().plus(interval.multipliedBy(WATCHDOG_LIFETIMES)).toString());
        if (isAbsoluteUrl(beat.statusUrl())) {
            a.put("generatorURL", beat.statusUrl());
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
