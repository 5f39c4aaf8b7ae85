package io.zkmon.alerts.webhook;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.HeaderSettings;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
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
 * The URL and header values are treated as secrets. The JSON schema is in {@code docs/webhook.md}.
 */
public final class WebhookProvider implements AlerterProvider {

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    private static final List<String> METHODS = List.of("POST", "PUT", "PATCH");

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
        if (url == null) {
            return null;
        }
        Redactor redactor = Redactor.of(headers.values()).withSecretUrl(url);
        return new WebhookAlerter(url, method, headers, new HttpSender("webhook", timeout, redactor, http));
    }
}
