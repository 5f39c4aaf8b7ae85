package io.zkmon.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.config.MonitorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's providers are found by ServiceLoader, and loading config with all of them opens nothing. */
class ServiceRegistrationTest {

    @Test
    void everyBackendIsFoundByServiceLoader() {
        AlerterRegistry registry = Configs.registry();
        assertThat(registry.types()).contains("email", "slack", "hipchat", "webhook", "pagerduty", "alertmanager", "heartbeat");
        assertThat(registry.broken()).isEmpty();
        assertThat(registry.conflicts("email")).isEmpty();
    }

    @Test
    void loadingConfigStartsNoThreadAndShowsNoSecret() {
        long httpThreadsBefore = httpClientThreads();
        MonitorConfig c = Configs.parse("""
                alerters:
                  mail: {type: email, to: a@x.com, smtp: {host: 192.0.2.1, username: u, password: pw-secret-1}}
                  chat: {type: slack, channel: '#ops', token: xoxb-secret-2}
                  hook: {type: slack, webhook_url: 'https://hooks.slack.com/services/secret-3'}
                  room: {type: hipchat, room: ops, token: hc-secret-4}
                  out: {type: webhook, url: 'https://192.0.2.1/secret-5'}
                  pd: {type: pagerduty, routing_key: pd-secret-6}
                  am: {type: alertmanager, url: 'http://192.0.2.1:9093', watchdog: true}
                  beat: {type: heartbeat, url: 'https://192.0.2.1/ping/secret-7', headers: {Authorization: 'Bearer secret-8'}}
                /p: {alerter: [mail, chat, hook, room, out, pd, am]}
                """, Map.of());
        try {
            assertThat(c.alerters()).hasSize(8);
            assertThat(httpClientThreads()).as("HTTP clients are created on first send").isEqualTo(httpThreadsBefore);
            String printed = c.describe() + c.alerters().values().stream().map(d -> d.alerter().toString()).toList();
            for (int i = 1; i <= 8; i++) {
                assertThat(printed).doesNotContain("secret-" + i);
            }
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }

    private static long httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient")).count();
    }
}
