package io.zkmon.core.alert;

import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message to people about one path: it went out of spec ({@link Kind#FIRING}) or came back
 * ({@link Kind#RESOLVED}). Immutable; the same value goes to every alerter of the path.
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
        String statusUrl) {

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
    }

    /** True for {@link Kind#FIRING}. */
    public boolean firing() {
        return kind == Kind.FIRING;
    }

    /** When the incident ended: {@link #at()} for a resolution, null while firing. */
    public Instant endedAt() {
        return kind == Kind.RESOLVED ? at : null;
    }

    /** A one-line summary for subjects and titles: {@code /services/foo out of spec}. */
    public String summary() {
        return path + (firing() ? " out of spec" : " back in spec");
    }
}
