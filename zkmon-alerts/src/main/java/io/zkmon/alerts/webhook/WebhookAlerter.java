package io.zkmon.alerts.webhook;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/** Sends every notification as one JSON request ({@link WebhookPayload}) to a URL. */
final class WebhookAlerter implements Alerter {

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final HttpSender http;

    WebhookAlerter(URI url, String method, Map<String, String> headers, HttpSender http) {
        this.url = url;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        return http.send(method, url, headers, Json.write(WebhookPayload.of(n))).result();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "webhook " + method + " " + Redactor.origin(url) + (headers.isEmpty() ? "" : " with headers " + headers.keySet());
    }
}
