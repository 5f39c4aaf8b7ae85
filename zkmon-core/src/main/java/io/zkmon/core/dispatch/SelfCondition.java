package io.zkmon.core.dispatch;

import io.zkmon.core.spec.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A condition of this agent itself, as opposed to a watched path: it cannot see ZooKeeper, finds no agent sending, or
 * cannot read some paths. The monitor hands the dispatcher one through {@link Dispatcher#selfCondition} whenever the
 * condition starts, changes or clears, and the dispatcher treats it as it treats a path out of spec (a grace period,
 * one firing, one recovery, retries, the same delivery pool), with three differences:
 * <ul>
 *   <li>its {@link #key} is not a znode path (it never starts with {@code /}), and names the agent, so it cannot
 *       collide with a path nor with another agent's condition, and silences of paths never cover it;</li>
 *   <li>this agent sends it without holding alerting leadership, when {@link #mayFire} says so (a blind agent cannot
 *       hold leadership; the next in line reports that nobody holds it), and sends the recovery of what it sent
 *       whenever the condition clears;</li>
 *   <li>its state stays in this agent's memory and is never written to the shared {@link AlertStateStore}: a blind
 *       agent cannot write it, and no other agent may resolve a condition that is this agent's own.</li>
 * </ul>
 *
 * @param key         where the dispatcher keeps the condition's state and what notifications carry as their path:
 *                    {@code zkmon:<condition>@<agent>}, never starting with {@code /}
 * @param alertName   the name receivers see ({@code ZkmonBlind}, ...), {@link io.zkmon.core.alert.Notification#alertName()}
 * @param holds       true while the condition holds, false once it cleared
 * @param message     what is wrong (or, when cleared, that it is over), for people
 * @param since       when the condition started to hold (or when it cleared)
 * @param mayFire     whether this agent may send the firing notification now (a recovery of what it sent always may)
 * @param gracePeriod how long the condition must hold before it is sent ({@code settings.blind_timeout})
 * @param alerters    ids of the alerters to notify; empty means shown, never sent
 * @param severity    how urgent it is
 */
public record SelfCondition(String key, String alertName, boolean holds, String message, Instant since, boolean mayFire,
                            Duration gracePeriod, List<String> alerters, Severity severity) {

    /** The prefix of every key. */
    public static final String KEY_PREFIX = "zkmon:";

    public SelfCondition {
        Objects.requireNonNull(key, "key");
        if (!isKey(key)) {
            throw new IllegalArgumentException("a self-condition key starts with '" + KEY_PREFIX + "', got '" + key + "'");
        }
        Objects.requireNonNull(alertName, "alertName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative");
        }
        alerters = List.copyOf(alerters);
        severity = severity == null ? Severity.CRITICAL : severity;
    }

    /** The key of a condition of one agent: {@code zkmon:blind@host-1234}. */
    public static String key(String condition, String agent) {
        return KEY_PREFIX + condition + "@" + agent;
    }

    /** True for the key of a self-condition, false for a znode path (which starts with {@code /}). */
    public static boolean isKey(String pathOrKey) {
        return pathOrKey.startsWith(KEY_PREFIX);
    }
}
