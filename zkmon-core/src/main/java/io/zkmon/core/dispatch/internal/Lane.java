package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.time.Scheduler;
import java.util.ArrayDeque;

/**
 * The deliveries of one path to one alerter, strictly in order: a resolution never overtakes its firing. The
 * {@link Outbox} owns the items; {@link Delivery} owns {@code busy} and {@code retryTimer}. Dispatcher thread only.
 */
final class Lane {
    final String alerterId;
    final ArrayDeque<PendingDelivery> items = new ArrayDeque<>();
    /** An attempt is on the delivery pool (running or waiting for a thread). */
    boolean busy;
    /** Waiting for a retry timer. */
    Scheduler.Task retryTimer;

    Lane(String alerterId) {
        this.alerterId = alerterId;
    }

    boolean idle() {
        return !busy && retryTimer == null;
    }

    /** Empty, or waiting for a retry: nothing to send now. */
    boolean settled() {
        return items.isEmpty() || retryTimer != null;
    }

    void reset() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        items.clear();
    }
}
