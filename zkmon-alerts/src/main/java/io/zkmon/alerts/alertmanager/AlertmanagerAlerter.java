package io.zkmon.alerts.alertmanager;

import io.zkmon.alerts.internal.http.HttpReply;
import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
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
 * itself. See {@link Fanout} for what counts as sent.
 */
final class AlertmanagerAlerter implements Alerter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerAlerter.class);

    private final List<URI> endpoints;
    private final List<String> origins;
    private final Map<String, String> labels;
    private final Map<String, String> headers;
    private final Duration refresh;
    private final HttpSender http;
    private final MessageTemplate summary;
    private final MessageTemplate description;

    AlertmanagerAlerter(List<URI> endpoints, Map<String, String> labels, Map<String, String> headers, Duration refresh, HttpSender http,
                        MessageTemplate summary, MessageTemplate description) {
        this.summary = summary;
        this.description = description;
        this.endpoints = List.copyOf(endpoints);
        this.origins = endpoints.stream().map(Redactor::origin).toList();
        this.labels = Map.copyOf(labels);
        this.headers = Map.copyOf(headers);
        this.refresh = refresh;
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        String body = Json.write(AlertmanagerAlert.of(n, labels, summary, description));
        List<CompletableFuture<HttpReply>> pending = new ArrayList<>();
        for (URI u : endpoints) {
            pending.add(http.sendAsync("POST", u, headers, body));
        }
        List<HttpReply> replies = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            replies.add(http.await(pending.get(i), endpoints.get(i)));
        }
        SendResult result = Fanout.combine(replies);
        if (result.isSent() && !result.detail().equals(SendResult.sent().detail())) {
            LOG.warn("{} notification for {}: {}", n.kind().name().toLowerCase(java.util.Locale.ROOT), n.path(), result.detail());
        }
        return result;
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
        return "alertmanager " + origins;
    }
}
