package io.zkmon.core.alert;

import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message to people about one path: it went out of spec ({@link Kind#FIRING}) or came back
 * ({@link Kind#RESOLVED}). Immutable; the same value goes to every alerter of the path. zkmon's own conditions (it
 * cannot see) travel as notifications too, told apart by {@link #selfAlert()} and {@link #alertName()}.
 *
 * @param kind            firing or resolved
 * @param path            the znode path
 * @param state           the path's state now ({@code ERROR} when firing, {@code OK} when resolved)
 * @param previousState   the state before the incident's change
 * @param message         what is wrong (or that all checks pass), naming the numbers
 * @param childCount      the number of children now
 * @param childrenAdded   children that appeared since the incident started (bounded)
 * @param childrenRemoved children that vanished since the incident started (bounded)
 * @param cluster         the zkmon cluster name
 * @param agent           the name of the agent that sent it
 * @param startedAt       when the path went out of spec
 * @param at              when this notification was decided
 * @param dedupKey        stable per (cluster, path, incident): a firing and its resolution share it
 * @param repeat          true for a reminder re-sent by {@code repeat_interval}
 * @param statusUrl       a link to the sending agent's {@code /status}, or null when unknown
 * @param alertName       what the alert is called where receivers group alerts (Alertmanager {@code alertname}):
 *                        {@value #PATH_ALERT} for a path out of spec; zkmon's own conditions have their own names
 * @param severity        the path's severity
 * @param labels          the path's routing labels, sorted by key
 * @param annotations     the path's texts for people ({@code summary}, {@code runbook_url}, ...), sorted by key
 */
public record Notification(
        Kind kind,
        String path,
        State state,
        State previousState,
        String message,
        int childCount,
        List<String> childrenAdded,
        List<String> childrenRemoved,
        String cluster,
        String agent,
        Instant startedAt,
        Instant at,
        String dedupKey,
        boolean repeat,
        String statusUrl,
        String alertName,
        Severity severity,
        Map<String, String> labels,
        Map<String, String> annotations) {

    /** The alert name of a path out of spec. */
    public static final String PATH_ALERT = "ZkmonPathOutOfSpec";

    /** Whether a notification opens or closes an incident. */
    public enum Kind {
        /** The path is out of spec (after its grace period). */
        FIRING,
        /** The path is back in spec after a firing notification went out. */
        RESOLVED
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        childrenAdded = childrenAdded == null ? List.of() : List.copyOf(childrenAdded);
        childrenRemoved = childrenRemoved == null ? List.of() : List.copyOf(childrenRemoved);
        alertName = alertName == null ? PATH_ALERT : alertName;
        severity = severity == null ? Severity.WARNING : severity;
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = annotations == null || annotations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** A path alert of severity {@code warning} without labels or annotations. */
    public Notification(Kind kind, String path, State state, State previousState, String message, int childCount,
                        List<String> childrenAdded, List<String> childrenRemoved, String cluster, String agent, Instant startedAt,
                        Instant at, String dedupKey, boolean repeat, String statusUrl) {
        this(kind, path, state, previousState, message, childCount, childrenAdded, childrenRemoved, cluster, agent, startedAt, at,
                dedupKey, repeat, statusUrl, PATH_ALERT, Severity.WARNING, Map.of(), Map.of());
    }

    /** True for {@link Kind#FIRING}. */
    public boolean firing() {
        return kind == Kind.FIRING;
    }

    /** When the incident ended: {@link #at()} for a resolution, null while firing. */
    public Instant endedAt() {
        return kind == Kind.RESOLVED ? at : null;
    }

    /**
     * True for a notification about zkmon itself (it cannot see ZooKeeper, finds no sender, cannot read paths) rather
     * than about a watched path: its {@link #path} is then the condition's key ({@code zkmon:blind@host-1234}), which
     * never starts with {@code /}, and its {@link #alertName} says which condition it is.
     */
    public boolean selfAlert() {
        return !path.startsWith("/");
    }

    /**
     * A one-line summary for subjects and titles: {@code /services/foo out of spec}, {@code /services/foo back in spec};
     * for zkmon itself, the condition, the agent and the cluster: {@code ZkmonBlind: zkmon agent host-1234 in cluster
     * prod}, {@code ZkmonBlind resolved: ...}.
     */
    public String summary() {
        if (selfAlert()) {
            return alertName + (firing() ? "" : " resolved") + ": zkmon agent " + agent + " in cluster " + cluster;
        }
        return path + (firing() ? " out of spec" : " back in spec");
    }
}
