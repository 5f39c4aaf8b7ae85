package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the head of each {@link Lane} on the {@link DeliveryExecutor}, one at a time per lane, and acts on the
 * outcome: a delivered or given-up head leaves the outbox and the next one starts; a retryable failure is tried again
 * after the {@link RetryPolicy}'s backoff, until its attempts or window run out. Every outcome is logged, counted and
 * shown. Decisions run on the dispatcher thread; only the send (and the permission check right before it) runs on
 * the pool.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Scheduler scheduler;
    private final DeliveryExecutor executor;
    private final PermissionGate permission;
    private final Outbox outbox;
    private final RetryPolicy retry;
    private final Supplier<Map<String, AlerterDefinition>> alerters;
    private final StatusView status;
    private final Runnable permissionChanged;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param permissionChanged run on the dispatcher thread when a send was refused for want of permission
     */
    Delivery(Scheduler scheduler, DeliveryExecutor executor, PermissionGate permission, Outbox outbox, RetryPolicy retry,
             Supplier<Map<String, AlerterDefinition>> alerters, StatusView status, Runnable permissionChanged) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.permission = permission;
        this.outbox = outbox;
        this.retry = retry;
        this.alerters = alerters;
        this.status = status;
        this.permissionChanged = permissionChanged;
    }

    /** Starts whatever a path's lanes have ready. */
    void pump(Tracked tr) {
        tr.lanes.values().forEach(lane -> pump(tr, lane));
    }

    /** Starts the head of a lane, unless an attempt or a retry is under way, or this agent does not send. */
    void pump(Tracked tr, Lane lane) {
        if (!lane.idle() || lane.items.isEmpty() || !permission.holds(tr) || closed) {
            return;
        }
        PendingDelivery head = lane.items.peekFirst();
        AlerterDefinition def = alerters.get().get(head.alerter());
        if (def == null) {
            LOG.warn("Dropping a notification for {}: alerter '{}' is no longer configured", tr.path, head.alerter());
            outbox.complete(tr, lane);
            pump(tr, lane);
            return;
        }
        PendingDelivery attempt = outbox.startAttempt(lane, scheduler.now());
        lane.busy = true;
        inFlight.incrementAndGet();
        executor.submit(def.name(), new Attempt(tr, lane, head, attempt, def));
    }

    /** One attempt of a lane's head; runs on the pool. */
    private final class Attempt implements DeliveryExecutor.Job {
        private final Tracked tr;
        private final Lane lane;
        private final PendingDelivery before;
        private final PendingDelivery attempt;
        private final AlerterDefinition def;

        Attempt(Tracked tr, Lane lane, PendingDelivery before, PendingDelivery attempt, AlerterDefinition def) {
            this.tr = tr;
            this.lane = lane;
            this.before = before;
            this.attempt = attempt;
            this.def = def;
        }

        @Override
        public void run() {
            // asked again on the sending thread, right before the send: a leader that froze must not wake up and send
            SendResult r = permission.maySend(tr) ? safeSend(def.alerter(), attempt.notification()) : null;
            inFlight.decrementAndGet();
            scheduler.execute(() -> {
                if (r == null) {
                    notPermitted(tr, lane);
                } else {
                    delivered(tr, lane, attempt, def, r);
                }
            });
        }

        @Override
        public void refused(RejectedExecutionException e) {
            inFlight.decrementAndGet();
            scheduler.execute(() -> Delivery.this.refused(tr, lane, before, attempt, def, e));
        }
    }

    private static SendResult safeSend(Alerter alerter, Notification n) {
        try {
            SendResult r = alerter.send(n);
            return r != null ? r : SendResult.retryable("alerter returned no result");
        } catch (RuntimeException | LinkageError e) {
            // The message may carry a secret (a URL with a token, a password echoed back): show only the type.
            return SendResult.retryable("unexpected " + e.getClass().getSimpleName());
        }
    }

    /** The permission said no on the sending thread: our view is behind. Catch up, and go on if we still send. */
    private void notPermitted(Tracked tr, Lane lane) {
        lane.busy = false;
        permissionChanged.run();
        // still sending (the permission came back before anyone told us): the lane must not stall
        pump(tr, lane);
    }

    /** The pool refused an attempt: it never started. Try again later, unless closing. */
    private void refused(Tracked tr, Lane lane, PendingDelivery before, PendingDelivery attempt, AlerterDefinition def,
                         RejectedExecutionException e) {
        lane.busy = false;
        outbox.undoAttempt(lane, attempt, before);
        String what = attempt.notification().kind().name().toLowerCase() + " notification for " + tr.path + " via " + def.name();
        if (closed) {
            LOG.info("Not sending the {}: the dispatcher is closing (it stays in the shared outbox)", what);
            return;
        }
        Duration delay = retry.initialDelay();
        LOG.warn("Could not start sending the {}: {}; trying again in {}", what, e.getMessage(), Durations.format(delay));
        lane.retryTimer = scheduler.schedule(delay, () -> {
            lane.retryTimer = null;
            pump(tr, lane);
        });
    }

    private void delivered(Tracked tr, Lane lane, PendingDelivery attempt, AlerterDefinition def, SendResult r) {
        lane.busy = false;
        if (lane.items.peekFirst() != attempt) {
            return; // the lane was reset (permission lost): the next leader delivers from the stored outbox
        }
        Instant now = scheduler.now();
        Notification n = attempt.notification();
        String kind = n.kind().name().toLowerCase();
        DeliveryOutcome outcome;
        switch (r.outcome()) {
            case SENT -> {
                outcome = DeliveryOutcome.SENT;
                LOG.info("Sent {} notification for {} via {}", kind, n.path(), def.name());
            }
            case PERMANENT -> {
                outcome = DeliveryOutcome.FAILED;
                LOG.error("Gave up a {} notification for {} via {}: {} (permanent failure)", kind, n.path(), def.name(), r.detail());
            }
            default -> {
                Duration delay = retry.nextDelay(attempt.attempts(), Duration.between(attempt.firstAttempt(), now));
                if (delay == null) {
                    outcome = DeliveryOutcome.GAVE_UP;
                    LOG.error("Gave up a {} notification for {} via {} after {} attempts: {}", kind, n.path(), def.name(),
                            attempt.attempts(), r.detail());
                } else {
                    outcome = DeliveryOutcome.RETRY;
                    LOG.warn("Could not send {} notification for {} via {} (attempt {}): {}; retrying in {}", kind, n.path(),
                            def.name(), attempt.attempts(), r.detail(), Durations.format(delay));
                    lane.retryTimer = scheduler.schedule(delay, () -> {
                        lane.retryTimer = null;
                        pump(tr, lane);
                    });
                }
            }
        }
        status.count(def.name(), outcome);
        tr.record(new DeliveryRecord(def.name(), n.kind(), outcome, attempt.attempts(), now, r.detail()));
        if (outcome != DeliveryOutcome.RETRY) {
            outbox.complete(tr, lane);
            pump(tr, lane);
        }
        status.publish(tr, now);
    }

    /** Sends started and not yet answered (running or waiting for a thread). */
    int inFlight() {
        return inFlight.get();
    }

    /** Starts nothing more; answers of sends in flight are still recorded. */
    void close() {
        closed = true;
    }
}
