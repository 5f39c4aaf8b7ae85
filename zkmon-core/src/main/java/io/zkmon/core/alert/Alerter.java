package io.zkmon.core.alert;

/**
 * Sends notifications to one destination (an inbox, a channel, an endpoint).
 * Implementations send one notification per call and report the outcome; retry, deduplication,
 * grace periods and silences belong to the dispatcher, not here.
 *
 * <p>{@link #send} may block (with its own timeouts); the dispatcher calls it from its delivery pool, shared by all
 * alerters, never from the evaluation thread. It may be called concurrently for different paths (a few at a time per
 * alerter); a send that never returns holds one of the pool's threads, so bound every wait.
 */
@FunctionalInterface
public interface Alerter extends AutoCloseable {

    /**
     * Sends one notification.
     *
     * @return {@link SendResult#sent()}, or a failure saying whether a retry may help. Throwing counts as a
     *         retryable failure whose message is not shown (it may hold a secret).
     */
    SendResult send(Notification notification);

    /**
     * How often the dispatcher should re-send a firing notification to this alerter while the path stays out of
     * spec, for receivers that forget an alert nobody refreshes (Prometheus Alertmanager resolves a pushed alert by
     * itself after its {@code resolve_timeout}). Zero, the default, means never. The dispatcher owns the schedule, so
     * it survives a change of the alerting agent.
     */
    default java.time.Duration refreshInterval() {
        return java.time.Duration.ZERO;
    }

    /**
     * How often this alerter wants to hear that zkmon is healthy, for receivers that alert when it goes quiet (a dead
     * man's switch, a cron monitor's ping URL). Zero, the default, means never. The monitor owns the schedule: see
     * {@link #heartbeat}.
     */
    default java.time.Duration heartbeatInterval() {
        return java.time.Duration.ZERO;
    }

    /**
     * Tells the receiver that zkmon is healthy: this agent is the one that sends alerts, and it sees ZooKeeper. The
     * monitor calls it about every {@link #heartbeatInterval()} while that holds, and stops when it no longer does (the
     * agent lost ZooKeeper or its turn to send, or died), which is what the receiver watches for. Called on a
     * heartbeat thread, never twice at once for one alerter, and not retried: the next beat is the retry. Bound every
     * wait. The default does nothing.
     *
     * @return whether the beat was delivered; a failure is logged and counted, never sent again
     */
    default SendResult heartbeat(Heartbeat beat) {
        return SendResult.sent();
    }

    /** Releases connections or threads; the default does nothing. */
    @Override
    default void close() {
    }
}
