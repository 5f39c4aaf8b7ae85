package io.zkmon.core.config;

import io.zkmon.core.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Engine and dispatcher settings from the {@code settings:} section.
 *
 * @param resyncInterval how often every path is re-read to catch what a watch could not report; zero turns it off
 * @param retry          how failed deliveries are retried
 * @param blindTimeout   how long zkmon may be unable to see (not connected, no agent sending, paths unreadable) before
 *                       it alerts about itself; zero turns those self-alerts off
 * @param selfAlerters   ids of the alerters self-alerts go to, or null for the default: every alerter a path uses
 *                       ({@link MonitorConfig#selfAlerters()})
 * @param metrics        what {@code /metrics} exports per path
 */
public record MonitorSettings(Duration resyncInterval, RetryPolicy retry, Duration blindTimeout, List<String> selfAlerters,
        MetricsSettings metrics) {

    /** How long zkmon may be unable to see before it alerts about itself, unless {@code blind_timeout} says otherwise. */
    public static final Duration DEFAULT_BLIND_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Resync every 5 minutes, {@link RetryPolicy#DEFAULT}, self-alerts after 60 s to every alerter a path uses,
     * {@link MetricsSettings#DEFAULT}.
     */
    public static final MonitorSettings DEFAULT = new MonitorSettings(Duration.ofMinutes(5), RetryPolicy.DEFAULT);

    public MonitorSettings {
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(blindTimeout, "blindTimeout");
        if (blindTimeout.isNegative()) {
            throw new IllegalArgumentException("blindTimeout must not be negative");
        }
        selfAlerters = selfAlerters == null ? null : List.copyOf(selfAlerters);
        Objects.requireNonNull(metrics, "metrics");
    }

    /** These resync and retry settings, with self-alerts and metrics as by default. */
    public MonitorSettings(Duration resyncInterval, RetryPolicy retry) {
        this(resyncInterval, retry, DEFAULT_BLIND_TIMEOUT, null, MetricsSettings.DEFAULT);
    }
}
