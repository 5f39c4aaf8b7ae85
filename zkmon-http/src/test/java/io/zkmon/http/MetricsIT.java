package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: zkmon's gauges and counters, computed at scrape time, plus the JVM's. */
class MetricsIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private RecordingAlerter alerts;
    private ServiceInstance webA;
    private ZkMonitor monitor;
    private HttpServer http;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        alerts = RecordingAlerter.fresh("metrics-it");
        webA = zk.register("/services/web", "a");
        zk.register("/services/web", "b");
        monitor = zk.monitor("""
                alerters:
                  oncall: {type: recording, name: metrics-it}
                /services/web: {children: 2, alerter: oncall}
                /services/db: {children: 1}
                """);
        http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void exposesThePathsTheConnectionAndTheLeadershipInTheTextFormat() {
        HttpResponse<String> r = api.get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body())
                .contains("# TYPE zkmon_path_in_spec gauge")
                .contains("zkmon_path_in_spec{path=\"/services/web\"} 1.0")
                .contains("zkmon_path_in_spec{path=\"/services/db\"} 0.0")
                .contains("zkmon_path_children{path=\"/services/web\"} 2.0")
                .contains("zkmon_path_children{path=\"/services/db\"} 0.0")
                .contains("zkmon_zookeeper_connected 1.0")
                .contains("zkmon_alerting_leader 1.0")
                .contains("zkmon_watched_paths 2.0")
                .contains("zkmon_paths{state=\"error\"} 1.0")
                .contains("zkmon_paths{state=\"ok\"} 1.0")
                .contains("jvm_memory_used_bytes{area=\"heap\"}")
                .contains("jvm_threads_current");
    }

    @Test
    void countsTransitionsAndNotificationsAsTheyHappen() throws Exception {
        webA.crash();
        alerts.awaitFiring("/services/web", Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/metrics").body())
                .contains("zkmon_path_in_spec{path=\"/services/web\"} 0.0")
                .contains("zkmon_path_children{path=\"/services/web\"} 1.0")
                .contains("# TYPE zkmon_path_transitions_total counter")
                .contains("zkmon_path_transitions_total{path=\"/services/web\",to=\"error\"} 1.0")
                .contains("# TYPE zkmon_notifications_total counter")
                .contains("zkmon_notifications_total{alerter=\"oncall\",outcome=\"sent\"} 1.0"));
    }

    @Test
    void speaksOpenMetricsWhenAskedTo() {
        HttpResponse<String> r = api.get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(r.body()).contains("zkmon_path_in_spec{path=\"/services/web\"} 1.0").endsWith("# EOF\n");
    }

    @Test
    void registersInAGivenRegistryAndLeavesItWhenClosed() throws Exception {
        PrometheusRegistry shared = new PrometheusRegistry();
        HttpServer first = HttpServer.builder().monitor(monitor).registry(shared).bind("127.0.0.1").port(0).build().start();
        assertThat(shared.scrape().stream().map(s -> s.getMetadata().getName())).contains("zkmon_path_in_spec", "jvm_memory_used_bytes");

        HttpServer clash = HttpServer.builder().monitor(monitor).registry(shared).bind("127.0.0.1").port(0).build();
        assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the metrics registry already has zkmon's metrics");
        first.close();

        try (HttpServer second = HttpServer.builder().monitor(monitor).registry(shared).bind("127.0.0.1").port(0).build().start()) {
            assertThat(new Api(second).get("/metrics").body()).contains("zkmon_watched_paths 2.0");
        }
    }

    @Test
    void gzipsForAScraperThatTakesGzip() throws Exception {
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/metrics"))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String text;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(text).contains("zkmon_watched_paths 2.0").contains("zkmon_build_info{");
        assertThat(api.get("/metrics").headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void capsPerPathSeriesAndAddsChosenSpecLabelsOnlyWhenConfigured() throws Exception {
        ZkMonitor capped = zk.monitor("""
                settings:
                  metrics: {path_series: 1, path_labels: [team]}
                /services/web: {children: 2}
                /services/db: {children: 1}
                """);
        try (HttpServer server = HttpServer.builder().monitor(capped).bind("127.0.0.1").port(0).build().start()) {
            String text = new Api(server).get("/metrics").body();

            assertThat(text).contains("zkmon_path_children{path=\"/services/db\",team=\"\"} 0.0")
                    .doesNotContain("path=\"/services/web\"")
                    .contains("zkmon_path_series_omitted 1.0")
                    .contains("zkmon_watched_paths 2.0");
        }
    }
}
