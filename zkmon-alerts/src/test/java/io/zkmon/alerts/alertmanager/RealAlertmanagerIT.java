package io.zkmon.alerts.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.alerts.testing.AlertmanagerProcess;
import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.testing.AlerterContract;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.ServiceInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Prometheus Alertmanager (the Debian package's binary), through a real ZooKeeper and the real
 * dispatcher: the alert is active while the path is out of spec, kept fresh by re-sends, and resolved after recovery,
 * as Alertmanager's own {@code GET /api/v2/alerts} shows; the always-firing {@code ZkmonWatchdog} is active while zkmon
 * runs and resolves by itself when it stops. Skipped with the reason when the binary is missing, unless
 * {@code ZKMON_REQUIRE_EXTERNAL=1}.
 */
class RealAlertmanagerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    @TempDir
    static Path dir;

    private static AlertmanagerProcess am;
    private static String missing;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        missing = AlertmanagerProcess.missingBinary();
        if (missing == null) {
            am = AlertmanagerProcess.start(dir);
        }
    }

    @BeforeEach
    void requireAlertmanager() {
        // per test rather than in @BeforeAll, so each test is reported as skipped, with the reason
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterAll
    static void stopAlertmanager() throws Exception {
        if (am != null) {
            am.close();
        }
    }

    @Test
    void theAlertIsActiveWhileThePathIsOutOfSpecRefreshedAndResolvedAfterRecovery() throws Exception {
        String path = "/services/am-e2e";
        String yaml = """
                %s:
                  children: 1
                  cancel_timeout: 0
                  severity: critical
                  labels: {service: orders}
                  annotations: {runbook_url: "https://runbooks.example.com/orders"}
                  alerter: {alertmanager: {url: "%s", refresh_interval: 1s, labels: {team: platform}}}
                """.formatted(path, am.baseUrl());
        ServiceInstance instance = zk.register(path, "instance-1");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.alerterRegistry(Configs.registry()).env(Map.of()).clusterName("am-e2e").agentName("agent-am")
                .statusUrl("http://agent-am:8080/status"));
        assertThat(am.alertsFor(path)).as("no alert while in spec").isEmpty();

        instance.crash();
        await("the alert is active in Alertmanager").atMost(WAIT).until(() -> am.alertsFor(path).size() == 1);
        JsonNode alert = am.alertsFor(path).get(0);
        assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
        assertThat(alert.path("labels")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Map.of("alertname", "ZkmonPathOutOfSpec", "path", path, "cluster", "am-e2e", "team", "platform", "severity", "critical",
                        "service", "orders")));
        assertThat(alert.path("annotations").path("runbook_url").asText()).isEqualTo("https://runbooks.example.com/orders");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo(path + " out of spec");
        assertThat(alert.path("annotations").path("agent").asText()).isEqualTo("agent-am");
        assertThat(alert.path("generatorURL").asText()).isEqualTo("http://agent-am:8080/status");

        // Alertmanager sets endsAt = last update + resolve_timeout; it moving on proves the dispatcher keeps re-sending
        String firstEndsAt = alert.path("endsAt").asText();
        await("the firing alert is re-sent (refresh_interval: 1s)").atMost(WAIT)
                .until(() -> !am.alertsFor(path).get(0).path("endsAt").asText().equals(firstEndsAt));
        assertThat(am.alertsFor(path)).as("re-sends update the one alert").hasSize(1);

        zk.register(path, "instance-2");
        await("the alert is resolved in Alertmanager").atMost(WAIT).until(() -> am.alertsFor(path).isEmpty());
        monitor.close(); // before teardown removes instance-2, which would be a new incident
    }

    @Test
    void theWatchdogFiresWhileZkmonIsHealthyAndResolvesByItselfWhenItStops() throws Exception {
        String yaml = """
                alerters:
                  am: {type: alertmanager, url: "%s", refresh_interval: 1s, watchdog: true, labels: {team: platform}}
                /services/am-watchdog: {children: 0}
                """.formatted(am.baseUrl());
        zk.ensure("/services/am-watchdog");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.alerterRegistry(Configs.registry()).env(Map.of()).clusterName("am-dms")
                .agentName("agent-am").statusUrl("http://agent-am:8080/status"));

        await("the watchdog is active in Alertmanager").atMost(WAIT).until(() -> watchdogs().size() == 1);
        JsonNode dog = watchdogs().get(0);
        assertThat(dog.path("status").path("state").asText()).isEqualTo("active");
        assertThat(dog.path("labels")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Map.of("alertname", "ZkmonWatchdog", "cluster", "am-dms", "team", "platform")));
        assertThat(dog.path("annotations").path("agent").asText()).isEqualTo("agent-am");
        String firstEndsAt = dog.path("endsAt").asText();
        await("the watchdog is sent again every refresh_interval").atMost(WAIT)
                .until(() -> !watchdogs().get(0).path("endsAt").asText().equals(firstEndsAt));
        assertThat(watchdogs()).as("one alert, however often it is sent").hasSize(1);

        long stopped = System.nanoTime();
        monitor.close(); // zkmon stops: nobody sends the watchdog any more
        await("the watchdog resolves by itself").atMost(WAIT).until(() -> watchdogs().isEmpty());
        System.out.printf("watchdog resolved %d ms after zkmon stopped (refresh_interval 1s)%n", (System.nanoTime() - stopped) / 1_000_000);
    }

    private static List<JsonNode> watchdogs() throws Exception {
        return am.alerts().stream().filter(a -> a.path("labels").path("alertname").asText().equals("ZkmonWatchdog")
                && a.path("labels").path("cluster").asText().equals("am-dms")).toList();
    }

    @Test
    void oneAlertmanagerDownDoesNotKeepTheOthersFromAlerting() throws Exception {
        String path = "/services/am-partial";
        var down = FreePorts.refusing("");
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + am.baseUrl() + "', '" + down + "']")) {
            SendResult fired = a.send(AlerterContract.firing(path));
            assertThat(fired.outcome()).isEqualTo(SendResult.Outcome.SENT);
            assertThat(fired.detail()).contains("accepted by 1 of 2");
            List<JsonNode> alerts = am.alertsFor(path);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("status").path("state").asText()).isEqualTo("active");

            assertThat(a.send(AlerterContract.resolved(path)).outcome()).isEqualTo(SendResult.Outcome.SENT);
            assertThat(am.alertsFor(path)).isEmpty();
        }
    }
}
