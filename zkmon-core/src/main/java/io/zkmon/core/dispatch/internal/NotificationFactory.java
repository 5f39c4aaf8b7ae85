package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;

/** Builds every notification the dispatcher sends: the one place that knows all its fields. */
final class NotificationFactory {

    private final String cluster;
    private final String agent;
    private final String statusUrl;

    NotificationFactory(String cluster, String agent, String statusUrl) {
        this.cluster = cluster;
        this.agent = agent;
        this.statusUrl = statusUrl;
    }

    /** The deduplication key of an incident: stable per cluster, path and start, shared by its firing and recovery. */
    String dedupKey(String path, Instant incidentStart) {
        return cluster + ":" + path + ":" + incidentStart.toEpochMilli();
    }

    /**
     * A notification about a path, carrying the children that came and went during its incident.
     *
     * @param kind      firing or resolved (which sets the state and the previous state)
     * @param path      the path, as tracked
     * @param message   what is wrong, or why it is over
     * @param startedAt when the incident started
     * @param dedupKey  the incident's key
     * @param at        when this was decided
     * @param repeat    a reminder or refresh of a firing already sent
     */
    Notification create(Notification.Kind kind, Tracked path, String message, Instant startedAt, String dedupKey, Instant at,
                        boolean repeat) {
        boolean firing = kind == Notification.Kind.FIRING;
        PathSpec spec = path.spec;
        return new Notification(kind, path.path, firing ? State.ERROR : State.OK, firing ? State.OK : State.ERROR, message,
                path.childCount, List.copyOf(path.added), List.copyOf(path.removed), cluster, agent, startedAt, at, dedupKey,
                repeat, statusUrl, path.alertName != null ? path.alertName : Notification.PATH_ALERT, spec == null ? null : spec.severity(), spec == null ? null : spec.labels(),
                spec == null ? null : spec.annotations());
    }
}
