package io.zkmon.alerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.alerts.testing.AlertmanagerProcess;
import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-alert as every backend shows it, end to end: a real ZooKeeper is stopped, and the agent's {@code ZkmonBlind}
 * reaches real servers (GreenMail, HTTP sinks for the webhook, PagerDuty and Slack, and the real Alertmanager when
 * installed) named for what it is: an email subject naming the cluster and the agent, the alert name in every
 * payload; then, with ZooKeeper back, its recovery; never a path alert.
 */
class SelfAlertsEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "zkmon:blind@agent-e2e";

    /** A server per test: the test stops it. */
    @RegisterExtension
    final ZkMonitorExtension zk = ZkMonitorExtension.server();

    @TempDir
    Path dir;

    private MailSink smtp;
    private HttpSink webhook;
    private HttpSink pagerduty;
    private HttpSink slack;
    private AlertmanagerProcess am;

    @BeforeEach
    void startServers() throws Exception {
        smtp = MailSink.smtp();
        webhook = HttpSink.start();
        pagerduty = HttpSink.start().answer(202, "{\"status\": \"success\"}");
        slack = HttpSink.start().answer(200, "{\"ok\": true}");
        am = AlertmanagerProcess.missingBinary() == null ? AlertmanagerProcess.start(dir) : null;
    }

    @AfterEach
    void stopServers() throws Exception {
        smtp.close();
        webhook.close();
        pagerduty.close();
        slack.close();
        if (am != null) {
            am.close();
        }
    }

    @Test
    void aBlindAgentsAlertIsNamedForWhatItIsOnEveryBackend() throws Exception {
        String yaml = """
                settings: {blind_timeout: 2s}
                alerters:
                  oncall: {type: email, to: [ops@example.com], smtp: {host: 127.0.0.1, port: %d, from: zkmon@example.com}}
                  hook: {type: webhook, url: "%s"}
                  pd: {type: pagerduty, routing_key: "pd-e2e-routing-key", url: "%s"}
                  chat: {type: slack, channel: "#ops", token: "xoxb-e2e", url: "%s"}
                  am: {type: alertmanager, url: "%s", refresh_interval: 1s}
                /services/e2e: {children: 1, cancel_timeout: 0, alerter: [oncall, hook, pd, chat%s]}
                """.formatted(smtp.port(), webhook.url("/hook"), pagerduty.url("/v2/enqueue"), slack.url("/api"),
                am != null ? am.baseUrl() : "http://127.0.0.1:9", am != null ? ", am" : "");
        zk.client().create().creatingParentsIfNeeded().forPath("/services/e2e/instance-1");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.curator(zk.newClient(Duration.ofSeconds(4))).alerterRegistry(Configs.registry())
                .env(Map.of()).clusterName("e2e").agentName("agent-e2e"));

        zk.stop();
        await("ZkmonBlind on every backend").atMost(WAIT).until(() -> smtp.received().size() == 1 && webhook.requests().size() == 1
                && pagerduty.requests().size() == 1 && slack.requests().size() == 1 && (am == null || am.alertsFor(KEY).size() == 1));

        assertThat(MailSink.subject(smtp.received().get(0))).isEqualTo("[zkmon] ZkmonBlind: zkmon agent agent-e2e in cluster e2e");
        assertThat(MailSink.body(smtp.received().get(0))).contains("Alert:", "ZkmonBlind (zkmon itself)", "Not connected to ZooKeeper since")
                .doesNotContain("Children:");
        JsonNode hook = webhook.requests().get(0).json();
        assertThat(hook.path("alert").asText()).isEqualTo("ZkmonBlind");
        assertThat(hook.path("path").asText()).isEqualTo(KEY);
        assertThat(hook.path("status").asText()).isEqualTo("firing");
        assertThat(hook.path("agent").asText()).isEqualTo("agent-e2e");
        JsonNode pd = pagerduty.requests().get(0).json();
        assertThat(pd.at("/payload/class").asText()).isEqualTo("ZkmonBlind");
        assertThat(pd.at("/payload/custom_details/alert").asText()).isEqualTo("ZkmonBlind");
        assertThat(pd.at("/payload/summary").asText()).startsWith("ZkmonBlind: zkmon agent agent-e2e in cluster e2e: Not connected");
        assertThat(slack.requests().get(0).body()).contains("ZkmonBlind: zkmon agent agent-e2e in cluster e2e");
        if (am != null) {
            JsonNode alert = am.alertsFor(KEY).get(0);
            assertThat(alert.at("/labels/alertname").asText()).isEqualTo("ZkmonBlind");
            assertThat(alert.at("/labels/cluster").asText()).isEqualTo("e2e");
            assertThat(alert.at("/status/state").asText()).isEqualTo("active");
        }

        zk.start();
        await("its recovery on every backend").atMost(WAIT).until(() -> smtp.received().size() == 2 && webhook.requests().size() == 2
                && pagerduty.requests().size() == 2 && slack.requests().size() == 2 && (am == null || am.alertsFor(KEY).isEmpty()));
        assertThat(MailSink.subject(smtp.received().get(1))).isEqualTo("[zkmon] ZkmonBlind resolved: zkmon agent agent-e2e in cluster e2e");
        assertThat(webhook.requests().get(1).json().path("status").asText()).isEqualTo("resolved");
        assertThat(pagerduty.requests().get(1).json().path("event_action").asText()).isEqualTo("resolve");
        assertThat(pagerduty.requests().get(1).json().path("dedup_key")).isEqualTo(pd.path("dedup_key"));
        await("nothing more, and no path alert").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> smtp.received().size() == 2 && webhook.requests().size() == 2);
        assertThat(webhook.requests()).allSatisfy(r -> assertThat(r.json().path("path").asText()).isEqualTo(KEY));
        if (am != null) {
            assertThat(am.alerts()).as("no path alert in Alertmanager either").isEmpty();
        }
        monitor.close();
        assertThat(List.of(smtp.received().size(), webhook.requests().size())).containsExactly(2, 2);
    }
}
