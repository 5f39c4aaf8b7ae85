package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.time.Scheduler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's mutable view of one path, shared by the stages; touched only on the dispatcher's thread. The
 * {@link IncidentPolicy} owns what it observed and decided (spec to silencedUntil, added, removed), the {@link Outbox}
 * the lanes, {@link Delivery} the recent outcomes; {@code state} is written by the policy and the outbox (which
 * keeps its outbox field in step with the lanes). A condition of this agent itself is tracked the same way under a key
 * that is not a path, marked {@link #local}.
 */
final class Tracked {
    static final int MAX_NAMES = 50;
    static final int MAX_RECENT = 8;

    final String path;
    PathSpec spec;
    /** Latest compliance seen, or null before the first transition. */
    Compliance current;
    int childCount;
    AlertState state;
    Scheduler.Task timer;
    /** Re-sends the firing notification to alerters that need refreshing ({@link io.zkmon.core.alert.Alerter#refreshInterval()}). */
    Scheduler.Task refreshTimer;
    Instant silencedUntil;
    final Set<String> added = new LinkedHashSet<>();
    final Set<String> removed = new LinkedHashSet<>();
    final Map<String, Lane> lanes = new LinkedHashMap<>();
    final ArrayDeque<DeliveryRecord> recent = new ArrayDeque<>();
    /**
     * A condition of this agent itself ({@link SelfConditions}): its state stays in this agent's memory, out of the
     * shared store, and this agent sends it on its own rule ({@link #mayFire}) rather than as the leader.
     */
    boolean local;
    /** For a {@link #local} condition: whether its firing may go out now. */
    boolean mayFire;
    /** The alert name its notifications carry, or null for a path ({@link io.zkmon.core.alert.Notification#PATH_ALERT}). */
    String alertName;

    Tracked(String path) {
        this.path = path;
        this.state = AlertState.clear(path);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    void cancelRefresh() {
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
    }

    /** Children that came and went during the incident; a child that came back cancels out. */
    void accumulate(Iterable<String> in, Iterable<String> out) {
        for (String c : out) {
            if (!added.remove(c) && removed.size() < MAX_NAMES) {
                removed.add(c);
            }
        }
        for (String c : in) {
            if (!removed.remove(c) && added.size() < MAX_NAMES) {
                added.add(c);
            }
        }
    }

    void record(DeliveryRecord r) {
        recent.addLast(r);
        while (recent.size() > MAX_RECENT) {
            recent.removeFirst();
        }
    }
}
