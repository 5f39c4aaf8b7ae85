package io.zkmon.alerts.pagerduty;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/** Sends trigger and resolve events to the PagerDuty Events API v2. */
final class PagerDutyAlerter implements Alerter {

    private final URI url;
    private final String routingKey;
    private final String severity;
    private final HttpSender http;
    private final MessageTemplate summary;

    /**
     * @param severity the fixed {@code payload.severity}, or null for each path's own
     */
    PagerDutyAlerter(URI url, String routingKey, String severity, HttpSender http, MessageTemplate summary) {
        this.summary = summary;
        this.url = url;
        this.routingKey = routingKey;
        this.severity = severity;
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        // 202 is success; 400 (invalid event) is permanent; 429 and 5xx are retryable: all as HttpFailures says
        return http.postJson(url, Map.of(), Json.write(PagerDutyEvent.of(n, routingKey, severity, summary))).result();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "pagerduty " + Redactor.origin(url) + " severity " + (severity == null ? "of each path" : severity);
    }
}
