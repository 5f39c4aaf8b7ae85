package io.zkmon.alerts.webhook;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.HeaderSettings;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Type {@code webhook}: sends each notification as JSON to a URL of yours.
 *
 * <pre>{@code
 * alerter: {webhook: https://hooks.example.com/zkmon}
 * alerter:
 *   webhook: {url: https://hooks.example.com/zkmon, method: PUT, headers: {Authorization: "Bearer ${HOOK_TOKEN}"}, timeout: 5s}
 * }</pre>
 *
 * The URL and header values are treated as secrets. The JSON schema is in {@code docs/webhook.md}; a
 * {@code template: {body: ...}} sends JSON of your own instead, its values escaped as JSON string content.
 */
public final class WebhookProvider implements AlerterProvider {

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    private static final List<String> METHODS = List.of("POST", "PUT", "PATCH");

    /** No body template by default: the standard payload of {@code docs/webhook.md}. */
    static final Map<String, String> BODY = Map.of(MessageTemplate.DEFAULT_PRESET, "");

    private static boolean rendersJson(MessageTemplate body) {
        for (Notification sample : MessageTemplate.samples()) {
            if (Json.parseOrNull(body.render(sample)) == null) {
                return false;
            }
        }
        return true;
    }

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public WebhookProvider() {
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        URI url;
        String method = "POST";
        Map<String, String> headers = Map.of();
        Duration timeout = SettingsSupport.DEFAULT_TIMEOUT;
        if (s.isScalar()) {
            List<String> given = s.secretValues();
            url = SettingsSupport.url(s, type(), given.isEmpty() ? null : given.get(0), true);
        } else if (s.isList()) {
            s.error(type(), "alerter '" + s.name() + "' takes one URL or a map {url, method, headers, timeout}, not a list");
            return null;
        } else {
            url = s.url("url", true);
            String m = s.string("method", "POST");
            method = m == null ? "POST" : m.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                s.error("method", "'method' of alerter '" + s.name() + "' must be one of " + String.join(", ", METHODS) + ", got '" + m + "'");
            }
            headers = HeaderSettings.read(s, "headers");
            timeout = SettingsSupport.timeout(s);
        }
        MessageTemplate body = s.template("body", BODY, MessageTemplate.JSON_STRING);
        if (url == null || body == null) {
            return null;
        }
        if (body.source().isBlank()) {
            body = null;
        } else if (!rendersJson(body)) {
            s.error("template", "the 'body' template of alerter '" + s.name() + "' does not make valid JSON; put every {{variable}}"
                    + " inside a JSON string (\"{{message}}\"), except numbers such as {{children.count}}");
            return null;
        }
        Redactor redactor = Redactor.of(headers.values()).withSecretUrl(url);
        return new WebhookAlerter(url, method, headers, new HttpSender("webhook", timeout, redactor, http), body);
    }
}
