package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.path;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics are read from the monitor's snapshot when scraped. */
class ZkmonCollectorTest {

    private final TransitionLog log = new TransitionLog(10);
    private final Fixtures.SnapshotMonitor monitor = new Fixtures.SnapshotMonitor(status(true, List.of(
            path("/ok", Compliance.OK, 3),
            path("/bad", Compliance.error("Found children (0) less than minimum (1)"), 0),
            path("/dunno", Compliance.unknown("Not read yet"), 2)),
            Map.of("email", Map.of(DeliveryOutcome.SENT, 4L, DeliveryOutcome.RETRY, 1L))));

    @Test
    void exposesEveryPathTheConnectionAndTheDispatcher() throws IOException {
        log.onTransition(transition("/bad", Compliance.OK, Compliance.error("x"), T0));

        String text = scrape();

        assertThat(text)
                .contains("zkmon_path_in_spec{path=\"/ok\"} 1.0")
                .contains("zkmon_path_in_spec{path=\"/bad\"} 0.0")
                .doesNotContain("zkmon_path_in_spec{path=\"/dunno\"}")
                .contains("zkmon_path_children{path=\"/ok\"} 3.0")
                .contains("zkmon_path_children{path=\"/dunno\"} 2.0")
                .contains("zkmon_path_transitions_total{path=\"/bad\",to=\"error\"} 1.0")
                .contains("zkmon_notifications_total{alerter=\"email\",outcome=\"sent\"} 4.0")
                .contains("zkmon_notifications_total{alerter=\"email\",outcome=\"retry\"} 1.0")
                .contains("zkmon_zookeeper_connected 1.0")
                .contains("zkmon_alerting_leader 1.0")
                .contains("zkmon_watched_paths 3.0")
                .contains("zkmon_paths{state=\"ok\"} 1.0")
                .contains("zkmon_paths{state=\"error\"} 1.0")
                .contains("zkmon_paths{state=\"unknown\"} 1.0")
                .contains("# HELP zkmon_path_in_spec 1 when the path meets its spec");
    }

    @Test
    void readsTheMonitorAgainAtEveryScrape() throws IOException {
        assertThat(scrape()).contains("zkmon_zookeeper_connected 1.0");

        monitor.status = status(false, List.of(), Map.of());

        assertThat(scrape()).contains("zkmon_zookeeper_connected 0.0").contains("zkmon_watched_paths 0.0")
                .doesNotContain("zkmon_path_in_spec{");
    }

    @Test
    void escapesPathsInLabels() throws IOException {
        monitor.status = status(true, List.of(path("/we\"ird\\path", Compliance.OK, 1)), Map.of());

        assertThat(scrape()).contains("zkmon_path_in_spec{path=\"/we\\\"ird\\\\path\"} 1.0");
    }

    private String scrape() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ZkmonCollector(monitor, log));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
