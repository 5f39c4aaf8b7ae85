package io.zkmon.core.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the dispatcher for {@code /status}, the API and metrics.
 *
 * @param name     this agent's name
 * @param alerters display names of the configured alerters
 * @param alerting true when this agent may send now (the cluster's leader)
 * @param paths    per path with alert activity: pending, notified or recent deliveries
 * @param counters delivery attempts by alerter display name and outcome, since start
 */
public record DispatcherStatus(String name, List<String> alerters, boolean alerting, Map<String, PathAlert> paths,
                               Map<String, Map<DeliveryOutcome, Long>> counters) {

    /**
     * Alert activity of one path.
     *
     * @param path          the path
     * @param pendingSince  out of spec since (waiting for the grace period or already notified), or null
     * @param notified      a firing notification went out for the current incident
     * @param notifiedAt    when, or null
     * @param silencedUntil end of the silence covering the path, or null
     * @param recent        latest delivery outcomes, newest last
     */
    public record PathAlert(String path, Instant pendingSince, boolean notified, Instant notifiedAt, Instant silencedUntil,
                            List<DeliveryRecord> recent) {
    }
}
