package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Instant;

/**
 * Holds a firing notification (first or reminder) back while a silence covers its path, until the silence ends; the
 * policy then decides again and fires if the path is still out of spec. A recovery passes (an incident that was
 * announced gets closed), and so does a refresh of an alert already out (a receiver must not forget it). The only
 * place the dispatcher reads the {@link SilenceStore}. Silences are of paths: a condition of this agent itself
 * ({@link Tracked#local}) is never held.
 */
final class SilenceGate implements Gate {

    private final SilenceStore silences;

    SilenceGate(SilenceStore silences) {
        this.silences = silences;
    }

    /** Tells {@code onChange} (on any thread) when silences are added or removed. */
    void start(Runnable onChange) {
        silences.addListener(onChange);
    }

    @Override
    public Hold admit(Tracked path, Decision decision, Instant now) {
        if (path.local || decision != Decision.FIRE && decision != Decision.REPEAT) {
            return null;
        }
        Instant until = coveredUntil(path.path, now);
        return until == null ? null : new Hold(until);
    }

    /** For status pages, not decisions: when the silence covering a path ends, or null. */
    Instant coveredUntil(String path, Instant now) {
        return silences.covering(path, now).map(Silence::until).orElse(null);
    }
}
