package io.zkmon.core.dispatch;

import io.zkmon.core.time.Scheduler;
import java.util.ArrayDeque;

/** The deliveries of one path to one alerter, strictly in order: a resolution never overtakes its firing. */
final class Lane {
    final String alerterId;
    final ArrayDeque<PendingDelivery> items = new ArrayDeque<>();
    /** An attempt is running on the alerter's pool. */
    boolean busy;
    /** Waiting for a retry timer. */
    Scheduler.Task retryTimer;

    Lane(String alerterId) {
        this.alerterId = alerterId;
    }

    boolean idle() {
        return !busy && retryTimer == null;
    }

    void reset() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        items.clear();
    }
}
