package io.zkmon.alerts.alertmanager;

import io.zkmon.alerts.internal.http.HttpReply;
import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to every listed Alertmanager at once (as Prometheus does: not through a load balancer), and asks the
 * dispatcher to re-send firing alerts every {@link #refreshInterval()} so Alertmanager does not resolve them by
 * itself. See {@link Fanout} for what counts as sent. With {@code watchdog: true} it also sends the always-firing
 * {@code ZkmonWatchdog} alert as a heartbeat, while zkmon is healthy.
 */
final class AlertmanagerAlerter implements Alerter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerAlerter.class);

    private final List<URI> endpoints;
    private final List<String> origins;
    private final Map<String, String> labels;
    private final Map<String, String> headers;
    private final Duration refresh;
    private final boolean watchdog;
    private final HttpSender http;
    private final MessageTemplate summary;
    private final MessageTemplate description;

    /**
     * @param watchdog whether to send the always-firing {@code ZkmonWatchdog} alert as a heartbeat, every {@code refresh}
     */
    AlertmanagerAlerter(List<URI> endpoints, Map<String, String> labels, Map<String, String> headers, Duration refresh, boolean watchdog,
                        HttpSender http, MessageTemplate summary, MessageTemplate description) {
        this.summary = summary;
        this.description = description;
        this.endpoints = List.copyOf(endpoints);
        this.origins = endpoints.stream().map(Redactor::origin).toList();
        this.labels = Map.copyOf(labels);
        this.headers = Map.copyOf(headers);
        this.refresh = refresh;
        this.watchdog = watchdog;
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        SendResult result = post(Json.write(AlertmanagerAlert.of(n, labels, summary, description)));
        if (result.isSent() && !result.detail().equals(SendResult.sent().detail())) {
            LOG.warn("{} notification for {}: {}", n.kind().name().toLowerCase(java.util.Locale.ROOT), n.path(), result.detail());
        }
        return result;
    }

    @Override
    public Duration heartbeatInterval() {
        return watchdog ? refresh : Duration.ZERO;
    }

    @Override
    public SendResult heartbeat(Heartbeat beat) {
        return watchdog ? post(Json.write(AlertmanagerAlert.watchdog(beat, labels, refresh))) : SendResult.sent();
    }

    private SendResult post(String body) {
        List<CompletableFuture<HttpReply>> pending = new ArrayList<>();
        for (URI u : endpoints) {
            pending.add(http.sendAsync("POST", u, headers, body));
        }
        List<HttpReply> replies = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            replies.add(http.await(pending.get(i), endpoints.get(i)));
        }
        return Fanout.combine(replies);
    }

    @Override
    public Duration refreshInterval() {
        return refresh;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "alertmanager " + origins + (watchdog ? " with watchdog" : "");
    }
}
