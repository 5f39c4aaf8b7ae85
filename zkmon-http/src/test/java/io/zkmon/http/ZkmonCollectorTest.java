package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.status;
import static io.zkmon.http.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.spec.Compliance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        log.onTransition(transition("/bad", Compliance.OK, Compliance.error("x"), T0));

        String text = scrape();

        assertThat(text)
                .contains("zkmon_path_transitions_total{path=\"/bad\",to=\"error\"} 1.0")
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
    void escapesPathsInLabels() throws IOException {
        log.onTransition(transition("/we\"ird\\path", Compliance.OK, Compliance.error("x"), T0));

        assertThat(scrape()).contains("zkmon_path_transitions_total{path=\"/we\\\"ird\\\\path\",to=\"error\"} 1.0");
    }

    private String scrape() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ZkmonCollector(monitor, log));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
