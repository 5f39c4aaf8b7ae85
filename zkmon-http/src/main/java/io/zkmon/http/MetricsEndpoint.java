package io.zkmon.http;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or OpenMetrics when the scraper asks for it
 * in {@code Accept}; gzip-compressed when it says it takes gzip in {@code Accept-Encoding} (Prometheus does). Written
 * by the Prometheus client's own writers.
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
        call.responseHeader(Headers.VARY, "Accept, Accept-Encoding");
        if (acceptsGzip(call.header(Headers.ACCEPT_ENCODING))) {
            call.responseHeader(Headers.CONTENT_ENCODING, "gzip");
            call.send(200, writer.getContentType(), out -> {
                GZIPOutputStream gzip = new GZIPOutputStream(out, 8192);
                writer.write(gzip, snapshots);
                gzip.finish();
            });
        } else {
            call.send(200, writer.getContentType(), out -> writer.write(out, snapshots));
        }
    }

    /** True when {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.trim().split(";");
            String coding = fields[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim().toLowerCase(Locale.ROOT);
                if (f.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(f.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true; // an unreadable weight: do not guess
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
