package io.zkmon.alerts.alertmanager;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.HeaderSettings;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Type {@code alertmanager}: pushes alerts to Prometheus Alertmanager ({@code POST /api/v2/alerts}), to every
 * member of a cluster, and keeps firing alerts fresh by re-sending them every {@code refresh_interval}.
 *
 * <pre>{@code
 * alerter: {alertmanager: http://alertmanager:9093}
 * alerter:
 *   alertmanager:
 *     urls: [http://am-1:9093, http://am-2:9093]
 *     labels: {team: platform}          # win over a path's labels and severity
 *     refresh_interval: 1m
 *     headers: {Authorization: "Basic ${AM_BASIC_AUTH}"}   # when a proxy in front asks for it
 *     watchdog: true        # also the always-firing ZkmonWatchdog alert, every refresh_interval, while zkmon is healthy
 * }</pre>
 */
public final class AlertmanagerProvider implements AlerterProvider {

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    /** How often a firing alert is re-sent unless {@code refresh_interval} says otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    private static final String API_PATH = "/api/v2/alerts";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> RESERVED = List.of("alertname", "path", "cluster");

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public AlertmanagerProvider() {
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        List<URI> urls = new ArrayList<>();
        Map<String, String> labels = Map.of();
        Map<String, String> headers = Map.of();
        Duration refresh = DEFAULT_REFRESH;
        boolean watchdog = false;
        Duration timeout = SettingsSupport.DEFAULT_TIMEOUT;
        if (!s.isMap()) {
            s.values().forEach(v -> urls.add(SettingsSupport.url(s, type(), v, false)));
        } else {
            boolean one = s.has("url");
            boolean many = s.has("urls");
            if (one && many) {
                s.error("urls", "alerter '" + s.name() + "' has both 'url' and 'urls': use 'url' for one Alertmanager or 'urls' for several");
            } else if (many) {
                List<String> given = s.strings("urls");
                if (given.isEmpty()) {
                    s.error("urls", "'urls' of alerter '" + s.name() + "' must list at least one URL");
                }
                given.forEach(v -> urls.add(SettingsSupport.url(s, "urls", v, false)));
            } else if (one) {
                urls.add(s.url("url", false));
            } else {
                s.error("url", "alerter '" + s.name() + "' needs 'url' (one Alertmanager) or 'urls' (every member of a cluster)");
            }
            labels = labels(s);
            headers = HeaderSettings.read(s, "headers");
            refresh = s.duration("refresh_interval", DEFAULT_REFRESH);
            watchdog = s.bool("watchdog", false);
            if (watchdog && refresh.isZero()) {
                s.error("watchdog", "'watchdog' of alerter '" + s.name() + "' is sent every 'refresh_interval', which must then be longer than 0");
            }
            timeout = SettingsSupport.timeout(s);
        }
        MessageTemplate summary = s.template("summary", AlertmanagerAlert.SUMMARY, MessageTemplate.PLAIN);
        MessageTemplate description = s.template("description", AlertmanagerAlert.DESCRIPTION, MessageTemplate.PLAIN);
        if (urls.isEmpty() || urls.contains(null) || summary == null || description == null) {
            return null;
        }
        List<URI> endpoints = new ArrayList<>();
        for (URI u : urls) {
            if (u.getRawUserInfo() != null) {
                s.error(s.isMap() ? (s.has("urls") ? "urls" : "url") : type(), "alerter '" + s.name() + "' has credentials in a URL, which are"
                        + " never sent; use headers: {Authorization: \"Basic ...\"} instead");
                return null;
            }
            URI endpoint = u.getRawPath() != null && u.getRawPath().endsWith(API_PATH) ? u : SettingsSupport.append(u, API_PATH);
            if (endpoints.contains(endpoint)) {
                s.error("urls", "alerter '" + s.name() + "' lists " + Redactor.origin(u) + " twice");
                return null;
            }
            endpoints.add(endpoint);
        }
        return new AlertmanagerAlerter(endpoints, labels, headers, refresh, watchdog,
                new HttpSender("Alertmanager", timeout, Redactor.of(headers.values()), http), summary, description);
    }

    private static Map<String, String> labels(AlerterSettings s) {
        Map<String, String> given = s.stringMap("labels");
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (RESERVED.contains(name)) {
                s.error("labels", "label '" + name + "' of alerter '" + s.name() + "' is set by zkmon; pick another name");
            } else if (!LABEL_NAME.matcher(name).matches()) {
                s.error("labels", "label '" + name + "' of alerter '" + s.name() + "' is not a valid Prometheus label name"
                        + " (letters, digits and '_', not starting with a digit)");
            } else if (value.isBlank()) {
                s.error("labels", "label '" + name + "' of alerter '" + s.name() + "' must not be empty");
            } else {
                out.put(name, value);
            }
        });
        return out;
    }
}
