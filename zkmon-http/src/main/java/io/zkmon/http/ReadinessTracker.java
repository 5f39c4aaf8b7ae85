package io.zkmon.http;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.MonitorStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows the monitor's connection and priming through its events, so that {@code /ready} answers without
 * building a snapshot of every path.
 */
final class ReadinessTracker implements MonitorListener {

    /**
     * Where the monitor stands.
     *
     * @param connected whether the ZooKeeper session is connected
     * @param primed    whether every path was read since the last (re)connect
     * @param since     when the connection last changed
     */
    record Readiness(boolean connected, boolean primed, Instant since) {

        boolean ready() {
            return connected && primed;
        }

        /** Why not ready, for people; null when ready. */
        String reason() {
            if (!connected) {
                return "not connected to ZooKeeper (since " + since + ")";
            }
            return primed ? null : "connected to ZooKeeper; still reading the watched paths";
        }
    }

    private final Clock clock;
    private final AtomicReference<Readiness> current = new AtomicReference<>();

    ReadinessTracker(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes the state from a snapshot, unless an event came first (events are newer). Call after the tracker has
     * been added as a listener, so nothing falls between the snapshot and the events.
     */
    void initialize(MonitorStatus status) {
        current.compareAndSet(null, new Readiness(status.connected(), status.primed(), status.since()));
    }

    Readiness current() {
        Readiness r = current.get();
        return r != null ? r : new Readiness(false, false, clock.instant());
    }

    @Override
    public void onConnectionChange(boolean connected) {
        current.set(new Readiness(connected, false, clock.instant()));
    }

    @Override
    public void onPrimed() {
        Readiness r = current.get();
        current.set(new Readiness(true, true, r != null && r.connected() ? r.since() : clock.instant()));
    }
}
