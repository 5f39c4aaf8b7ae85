package io.zkmon.core.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The alerting state of one path: what the dispatcher must remember so that another agent can continue where this
 * one stopped. Immutable; stored in an {@link AlertStateStore}.
 *
 * @param path          the path
 * @param incidentStart when the path went out of spec (pending since); null when in spec
 * @param notified      a firing notification was decided for this incident
 * @param notifiedAt    when it was decided, or null
 * @param dedupKey      the incident's deduplication key, or null before firing
 * @param nextRepeatAt  when the next reminder is due, or null
 * @param outbox        notifications decided but not yet confirmed delivered, in order
 */
public record AlertState(String path, Instant incidentStart, boolean notified, Instant notifiedAt, String dedupKey,
                         Instant nextRepeatAt, List<PendingDelivery> outbox) {

    public AlertState {
        Objects.requireNonNull(path, "path");
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** Nothing pending, nothing notified. */
    public static AlertState clear(String path) {
        return new AlertState(path, null, false, null, null, null, List.of());
    }

    /**
     * A new incident pending since {@code start} (null: no incident, the path is in spec): nothing notified, no dedup key,
     * no reminder due. The outbox is kept: what was decided before still goes out.
     */
    public AlertState withIncident(Instant start) {
        return new AlertState(path, start, false, null, null, null, outbox);
    }

    /** No incident: the path is back in spec (or no longer watched). The outbox is kept: a recovery may be in it. */
    public AlertState withoutIncident() {
        return withIncident(null);
    }

    /**
     * The incident's firing notification was decided.
     *
     * @param at           when the first firing notification was decided (kept as it was for a reminder)
     * @param dedupKey     the incident's deduplication key
     * @param nextRepeatAt when the next reminder is due, or null for none
     */
    public AlertState withNotified(Instant at, String dedupKey, Instant nextRepeatAt) {
        return new AlertState(path, incidentStart, true, at, dedupKey, nextRepeatAt, outbox);
    }

    /** The same state with another outbox (notifications decided and not yet confirmed, in order). */
    public AlertState withOutbox(List<PendingDelivery> next) {
        return new AlertState(path, incidentStart, notified, notifiedAt, dedupKey, nextRepeatAt, next);
    }

    /** True when there is nothing to remember (the store may delete it). */
    public boolean isClear() {
        return incidentStart == null && !notified && outbox.isEmpty();
    }
}
