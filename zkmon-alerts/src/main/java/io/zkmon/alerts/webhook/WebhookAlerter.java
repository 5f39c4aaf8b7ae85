package io.zkmon.alerts.webhook;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/**
 * Sends every notification as one JSON request to a URL: {@link WebhookPayload}, or the alerter's {@code body}
 * template, whose values are escaped as JSON string content (proved valid JSON over
 * {@link MessageTemplate#samples()} when the config was loaded).
 */
final class WebhookAlerter implements Alerter {

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final HttpSender http;
    private final MessageTemplate body;

    /**
     * @param body the body template, or null for the standard payload
     */
    WebhookAlerter(URI url, String method, Map<String, String> headers, HttpSender http, MessageTemplate body) {
        this.body = body;
        this.url = url;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        String json = body == null ? Json.write(WebhookPayload.of(n)) : body.render(n);
        if (body != null && Json.parseOrNull(json) == null) {
            // cannot happen for a template that passed the load-time check; never send something the receiver cannot parse
            return SendResult.permanent("the webhook's body template rendered invalid JSON for " + n.path() + "; fix 'template.body'");
        }
        return http.send(method, url, headers, json).result();
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
