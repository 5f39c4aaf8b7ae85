package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.PendingDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications decided and not yet confirmed: one {@link Lane} per path and alerter, strictly in order, kept in the
 * path's {@link AlertState} and written through the {@link AlertStateStore} on every change while this agent sends,
 * so that the next sender delivers what this one could not. The only place the dispatcher touches the store, which
 * never sees a condition of this agent itself ({@link Tracked#local}). Dispatcher thread only.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final AlertStateStore store;
    private final PermissionGate permission;

    Outbox(AlertStateStore store, PermissionGate permission) {
        this.store = store;
        this.permission = permission;
    }

    /** Appends a notification to the lane of each alerter and stores the outbox. */
    void enqueue(Tracked tr, Notification n, List<String> alerterIds) {
        for (String id : alerterIds) {
            tr.lanes.computeIfAbsent(id, Lane::new).items.addLast(new PendingDelivery(id, n, null, 0));
        }
        persist(tr);
    }

    /** Whether an alerter's lane of a path has something waiting. */
    boolean hasQueued(Tracked tr, String alerterId) {
        Lane lane = tr.lanes.get(alerterId);
        return lane != null && !lane.items.isEmpty();
    }

    /** Sets a path's state (its outbox is taken from the lanes) and stores it. */
    void update(Tracked tr, AlertState next) {
        tr.state = next;
        persist(tr);
    }

    /** Stores a path's state with its lanes as the outbox, while this agent sends. */
    void persist(Tracked tr) {
        List<PendingDelivery> outbox = new ArrayList<>();
        tr.lanes.values().forEach(l -> outbox.addAll(l.items));
        tr.state = tr.state.withOutbox(outbox);
        if (!tr.local && permission.holds()) { // this agent's own conditions stay in its memory
            try {
                store.put(tr.state);
            } catch (RuntimeException e) {
                LOG.warn("Could not store alert state of {}: {}", tr.path, e.toString());
            }
        }
    }

    // ---- the lane's head, for delivery ----

    /** Marks the head of a lane as being attempted once more and returns the attempt (now the head). */
    PendingDelivery startAttempt(Lane lane, Instant now) {
        PendingDelivery head = lane.items.pollFirst();
        PendingDelivery attempt = new PendingDelivery(head.alerter(), head.notification(),
                head.firstAttempt() == null ? now : head.firstAttempt(), head.attempts() + 1);
        lane.items.addFirst(attempt);
        return attempt;
    }

    /** Takes back an attempt that never started (the pool refused it). */
    void undoAttempt(Lane lane, PendingDelivery attempt, PendingDelivery before) {
        if (lane.items.peekFirst() == attempt) {
            lane.items.pollFirst();
            lane.items.addFirst(before);
        }
    }

    /** The head of a lane is done with (delivered, given up, or its alerter is gone): drops it and stores the outbox. */
    void complete(Tracked tr, Lane lane) {
        lane.items.pollFirst();
        persist(tr);
    }

    // ---- takeover ----

    /** The shared state of every path, when this agent starts sending; none when it cannot be read. */
    Map<String, AlertState> loadShared() {
        try {
            return store.loadAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not load shared alert state: {}", e.toString());
            return Map.of();
        }
    }

    /** Replaces a path's lanes and state by what was stored. */
    void load(Tracked tr, AlertState stored) {
        reset(tr);
        tr.lanes.clear();
        for (PendingDelivery d : stored.outbox()) {
            tr.lanes.computeIfAbsent(d.alerter(), Lane::new).items.addLast(d);
        }
        tr.state = stored;
    }

    /** Empties a path's lanes and stops their retries (the shared outbox keeps them for the next sender). */
    void reset(Tracked tr) {
        tr.lanes.values().forEach(Lane::reset);
    }

    /** Whether a path still owes deliveries. */
    boolean owes(Tracked tr) {
        return tr.lanes.values().stream().anyMatch(l -> !l.items.isEmpty());
    }

    /** Whether nothing of a path is ready to send: every lane empty or waiting for a retry. */
    boolean settled(Tracked tr) {
        return tr.lanes.values().stream().allMatch(Lane::settled);
    }

    /** Deletes a path's shared state, while this agent sends. */
    void forget(String path) {
        if (permission.holds()) {
            try {
                store.remove(path);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove alert state of {}: {}", path, e.toString());
            }
        }
    }
}
