package io.zkmon.alerts.pagerduty;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Type {@code pagerduty}: PagerDuty Events API v2. Opens an incident ({@code trigger}) when a path goes out of spec
 * and resolves it when the path is back, both with the notification's dedup key.
 *
 * <pre>{@code
 * alerter: {pagerduty: {routing_key: "${PD_ROUTING_KEY}"}}                     # payload.severity: the path's severity
 * alerter: {pagerduty: {routing_key: "${PD_ROUTING_KEY}", severity: critical}}   # the same for every path
 * }</pre>
 */
public final class PagerDutyProvider implements AlerterProvider {

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    /** The public Events API v2 endpoint. */
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    private static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public PagerDutyProvider() {
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        if (!s.isMap()) {
            s.error(type(), "alerter '" + s.name() + "' needs a map: {routing_key: ..., severity: error}");
            return null;
        }
        String routingKey = s.secret("routing_key");
        String given = s.string("severity", null);
        String severity = given == null ? null : given.trim().toLowerCase(Locale.ROOT);
        if (severity != null && !SEVERITIES.contains(severity)) {
            s.error("severity", "'severity' of alerter '" + s.name() + "' must be one of " + String.join(", ", SEVERITIES) + ", got '" + given + "'");
        }
        URI url = s.url("url", DEFAULT_URL, false);
        var timeout = SettingsSupport.timeout(s);
        MessageTemplate summary = s.template("summary", PagerDutyEvent.SUMMARY, MessageTemplate.PLAIN);
        if (routingKey == null || url == null || summary == null) {
            return null;
        }
        return new PagerDutyAlerter(url, routingKey, severity, new HttpSender("PagerDuty", timeout, Redactor.of(List.of(routingKey)), http),
                summary);
    }
}
