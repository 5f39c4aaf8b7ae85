package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.status;
import static io.zkmon.http.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.spec.Compliance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics are read from the monitor's snapshot when scraped. What is written per path (in spec, children, an
 * unknown path left out) is checked against a real monitor in {@link MetricsIT} and {@link ReadinessIT}.
 */
class ZkmonCollectorTest {

    private final TransitionLog log = new TransitionLog(10);
    private final Fixtures.SnapshotView monitor = new Fixtures.SnapshotView(status(true,
            Map.of("email", Map.of(DeliveryOutcome.SENT, 4L, DeliveryOutcome.RETRY, 1L))));

    @Test
    void exposesTheConnectionTheDispatcherAndTheTransitions() throws IOException {
        String text = scrape();

        assertThat(text)
                .contains("zkmon_notifications_total{alerter=\"email\",outcome=\"sent\"} 4.0")
                .contains("zkmon_notifications_total{alerter=\"email\",outcome=\"retry\"} 1.0")
                .contains("zkmon_zookeeper_connected 1.0")
                .contains("zkmon_alerting_leader 1.0")
                .contains("zkmon_watched_paths 0.0")
                .contains("zkmon_paths{state=\"ok\"} 0.0")
                .contains("zkmon_paths{state=\"error\"} 0.0")
                .contains("zkmon_paths{state=\"unknown\"} 0.0")
                .contains("# HELP zkmon_zookeeper_connected 1 while the ZooKeeper session is connected.");
    }

    @Test
    void readsTheMonitorAgainAtEveryScrape() throws IOException {
        assertThat(scrape()).contains("zkmon_zookeeper_connected 1.0").contains("outcome=\"sent\"} 4.0");

        monitor.status = status(false, Map.of());

        assertThat(scrape()).contains("zkmon_zookeeper_connected 0.0").doesNotContain("zkmon_notifications_total{");
    }

    @Test
    void leavesOutTheTransitionsOfAPathNoLongerWatched() throws IOException {
        log.onTransition(transition("/gone", Compliance.OK, Compliance.error("x"), T0));

        assertThat(scrape()).doesNotContain("/gone").contains("zkmon_path_series_omitted 0.0");
    }

    @Test
    void exportsTheBuildAndNoJvmMetrics() throws IOException {
        assertThat(scrape())
                .contains("zkmon_build_info{java_version=\"" + System.getProperty("java.version") + "\",version=\"")
                .doesNotContain("jvm_");
    }

    @Test
    void exportsTheZooKeeperServerOnlyWhileConnectedToOne() throws IOException {
        assertThat(scrape()).doesNotContain("zkmon_zookeeper_server_info");

        monitor.server = new ServerInfo("3.4.14", ServerInfo.WatchMode.ONE_SHOT);

        assertThat(scrape()).contains("zkmon_zookeeper_server_info{mode=\"one-shot\",version=\"3.4.14\"} 1.0");
    }

    @Test
    void exportsEachKindOfSelfAlertAsActiveAndFiring() throws IOException {
        assertThat(scrape()).contains("zkmon_self_alert_active{alert=\"ZkmonBlind\"} 0.0")
                .contains("zkmon_self_alert_firing{alert=\"ZkmonNoSender\"} 0.0");

        monitor.selfAlerts = List.of(new SelfAlert(SelfAlert.Kind.BLIND, "cannot see", T0, false),
                new SelfAlert(SelfAlert.Kind.UNREADABLE_PATHS, "2 paths unreadable", T0, true));

        assertThat(scrape())
                .contains("zkmon_self_alert_active{alert=\"ZkmonBlind\"} 1.0")
                .contains("zkmon_self_alert_firing{alert=\"ZkmonBlind\"} 0.0")
                .contains("zkmon_self_alert_active{alert=\"ZkmonUnreadablePaths\"} 1.0")
                .contains("zkmon_self_alert_firing{alert=\"ZkmonUnreadablePaths\"} 1.0")
                .contains("zkmon_self_alert_active{alert=\"ZkmonNoSender\"} 0.0");
    }

    @Test
    void exportsTheLatestConfigReloadOnlyWhenToldOfReloads() throws IOException {
        assertThat(scrape()).doesNotContain("zkmon_config_last_reload");

        ConfigReloads reloads = ConfigReloads.loadedAt(T0);
        assertThat(scrape(reloads)).contains("zkmon_config_last_reload_success 1.0")
                .contains("zkmon_config_last_reload_timestamp_seconds " + (double) T0.getEpochSecond());

        reloads.failed(T0.plusSeconds(60));
        assertThat(scrape(reloads)).contains("zkmon_config_last_reload_success 0.0")
                .contains("zkmon_config_last_reload_timestamp_seconds " + (double) (T0.getEpochSecond() + 60));
    }

    @Test
    void registersInAnyRegistryAndLeavesItWhenClosed() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (ZkmonCollector c = ZkmonCollector.register(registry, monitor)) {
            assertThat(monitor.listeners).hasSize(1);
            assertThat(text(registry)).contains("zkmon_zookeeper_connected 1.0");
        }
        assertThat(monitor.listeners).isEmpty();
        assertThat(text(registry)).doesNotContain("zkmon_");
    }

    private String scrape() throws IOException {
        return scrape(null);
    }

    private String scrape(ConfigReloads reloads) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ZkmonCollector(monitor, log, false, reloads, null));
        return text(registry);
    }

    private static String text(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
