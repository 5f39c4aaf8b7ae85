package io.zkmon.http;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.undertow.util.Headers;
import java.io.IOException;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or OpenMetrics when the scraper asks for it
 * in {@code Accept}. Written by the Prometheus client's own writers.
 */
final class MetricsEndpoint {

    private final PrometheusRegistry registry;
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    void scrape(Call call) throws IOException {
        call.query().allow();
        String accept = call.header(Headers.ACCEPT);
        ExpositionFormatWriter writer = accept != null && openMetrics.accepts(accept) ? openMetrics : text;
        MetricSnapshots snapshots = registry.scrape();
        call.stream(200, writer.getContentType(), out -> writer.write(out, snapshots));
    }
}
