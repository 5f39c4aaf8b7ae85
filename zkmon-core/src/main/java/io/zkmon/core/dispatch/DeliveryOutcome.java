package io.zkmon.core.dispatch;

/** What became of one delivery attempt; the label of the {@code zkmon_notifications_total} counter. */
public enum DeliveryOutcome {
    /** Delivered. */
    SENT,
    /** Failed; will be retried. */
    RETRY,
    /** Failed permanently (the alerter said a retry would not help); given up. */
    FAILED,
    /** Still failing when the retry window or attempts ran out; given up. */
    GAVE_UP;

    /** Lower-case label for metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
