package io.zkmon.alerts.heartbeat;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.HeaderSettings;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.spec.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Type {@code heartbeat}: calls a URL every {@code interval} while this agent is the one that sends alerts and sees
 * ZooKeeper, and stops calling when it is not (it lost ZooKeeper, another agent took over, or it died), so that the
 * receiver (a cron monitor's ping URL, a dead man's switch) alerts when the calls stop. With several agents the calls
 * come from whichever one sends. It sends no notifications: give paths other alerters.
 *
 * <pre>{@code
 * alerters:
 *   deadman: {type: heartbeat, url: "https://hc-ping.com/${HC_UUID}", interval: 1m}
 *   pinger:  {type: heartbeat, url: "https://example.com/ping", method: POST, interval: 30s, timeout: 5s,
 *             headers: {Authorization: "Bearer ${PING_TOKEN}"}}
 * }</pre>
 *
 * GET calls carry no body; POST calls carry {@code {"status": "alive", "cluster", "agent", "at", "status_url"}}. The
 * URL and header values are secrets.
 */
public final class HeartbeatProvider implements AlerterProvider {

    /** How often the URL is called unless {@code interval} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final List<String> METHODS = List.of("GET", "POST");

    /** One HTTP client for every alerter this provider creates, made on the first call. */
    private final SharedHttpClient http = new SharedHttpClient();

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public HeartbeatProvider() {
    }

    @Override
    public String type() {
        return "heartbeat";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        URI url;
        String method = "GET";
        Map<String, String> headers = Map.of();
        Duration interval = DEFAULT_INTERVAL;
        Duration timeout = SettingsSupport.DEFAULT_TIMEOUT;
        if (s.isScalar()) {
            List<String> given = s.secretValues();
            url = SettingsSupport.url(s, type(), given.isEmpty() ? null : given.get(0), true);
        } else if (s.isList()) {
            s.error(type(), "alerter '" + s.name() + "' takes one URL or a map {url, method, interval, timeout, headers}, not a list");
            return null;
        } else {
            url = s.url("url", true);
            String m = s.string("method", "GET");
            method = m == null ? "GET" : m.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                s.error("method", "'method' of alerter '" + s.name() + "' must be one of " + String.join(", ", METHODS) + ", got '" + m + "'");
            }
            interval = s.duration("interval", DEFAULT_INTERVAL);
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                s.error("interval", "'interval' of alerter '" + s.name() + "' must be at least 1s, got " + Durations.format(interval));
            }
            headers = HeaderSettings.read(s, "headers");
            timeout = SettingsSupport.timeout(s);
        }
        if (url == null) {
            return null;
        }
        Redactor redactor = Redactor.of(headers.values()).withSecretUrl(url);
        return new HeartbeatAlerter(url, method, headers, interval, new HttpSender("heartbeat", timeout, redactor, http));
    }
}
