package io.zkmon.core.dispatch.internal;

import java.time.Instant;
import java.util.List;

/**
 * A check between a decision of the {@link IncidentPolicy} and the {@link Outbox}, asked once per decision (as
 * Alertmanager's mute stages sit between its dedup and its notifiers). {@link #all} chains gates; the first to hold a
 * decision back wins.
 */
interface Gate {

    /** What the policy decided to send. */
    enum Decision {
        /** The incident's first firing notification. */
        FIRE,
        /** A reminder ({@code repeat_interval}). */
        REPEAT,
        /** The firing notification again, for alerters that forget unrefreshed alerts. */
        REFRESH,
        /** The recovery of an incident whose firing went out. */
        RESOLVE
    }

    /** Holds a decision back: decide again at {@code until}, or, when it is null, when told (permission regained). */
    record Hold(Instant until) {
        static final Hold UNTIL_TOLD = new Hold(null);
    }

    /**
     * Lets a decision through (null) or holds it back.
     *
     * @param path     the path
     * @param decision what was decided
     * @param now      the scheduler's time
     */
    Hold admit(Tracked path, Decision decision, Instant now);

    /** The gates in order: a decision passes when every one lets it through. */
    static Gate all(Gate... gates) {
        List<Gate> chain = List.of(gates);
        return (path, decision, now) -> {
            for (Gate g : chain) {
                Hold h = g.admit(path, decision, now);
                if (h != null) {
                    return h;
                }
            }
            return null;
        };
    }
}
