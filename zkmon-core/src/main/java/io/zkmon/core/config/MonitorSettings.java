package io.zkmon.core.config;

import io.zkmon.core.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine and dispatcher settings from the {@code settings:} section.
 *
 * @param resyncInterval how often every path is re-read to catch what a watch could not report; zero turns it off
 * @param retry          how failed deliveries are retried
 * @param metrics        what {@code /metrics} exports per path
 */
public record MonitorSettings(Duration resyncInterval, RetryPolicy retry, MetricsSettings metrics) {

    /** Resync every 5 minutes, {@link RetryPolicy#DEFAULT}, {@link MetricsSettings#DEFAULT}. */
    public static final MonitorSettings DEFAULT = new MonitorSettings(Duration.ofMinutes(5), RetryPolicy.DEFAULT);

    public MonitorSettings {
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Settings with {@link MetricsSettings#DEFAULT}. */
    public MonitorSettings(Duration resyncInterval, RetryPolicy retry) {
        this(resyncInterval, retry, MetricsSettings.DEFAULT);
    }
}
