package io.zkmon.core;

import io.zkmon.core.time.Scheduler;
import java.time.Duration;

/**
 * The engine's periodic work: every resync interval a full re-read of every path (a safety net for what a watch
 * could not report); every second, when some spec has a {@code data_max_age} rule, a sweep that judges those
 * paths again, since age rules turn false with time alone; and every 10 s a read of the nodes whose children are only
 * counted (too many for one reply), which have no child watch in one-shot mode.
 *
 * <p>Each task runs on the engine's scheduler and takes the engine's lock before it does anything. A start or stop
 * begins a new round; a task of an older round that was already waiting for the lock does nothing and does not
 * schedule itself again.
 */
final class PeriodicChecks {

    static final Duration AGE_SWEEP_EVERY = Duration.ofSeconds(1);
    /** How often a node whose children are only counted is read again where no watch tells of a change (one-shot). */
    static final Duration COUNT_POLL_EVERY = Duration.ofSeconds(10);

    /** What the checks do; called under the engine's lock. */
    interface Target {
        /** Re-reads every path, if the engine is connected and not in the middle of a read. */
        void periodicResync();

        /** Judges again every path with an age rule. */
        void sweepAges();

        /** Reads again the nodes whose children are only counted, where no watch tells of a change. */
        void pollCounted();
    }

    private final Scheduler scheduler;
    private final Object lock;
    private final Target target;
    private long round;
    private Duration resyncInterval = Duration.ZERO;
    private boolean ageRules;
    private Scheduler.Task resyncTask;
    private Scheduler.Task ageTask;
    private Scheduler.Task pollTask;

    /**
     * @param lock the engine's lock, which every task takes
     */
    PeriodicChecks(Scheduler scheduler, Object lock, Target target) {
        this.scheduler = scheduler;
        this.lock = lock;
        this.target = target;
    }

    /** (Re)starts the checks; a zero interval turns the resync off. Call under the engine's lock. */
    void start(Duration resyncEvery, boolean withAgeRules) {
        stop();
        resyncInterval = resyncEvery;
        ageRules = withAgeRules;
        scheduleResync(round);
        scheduleAgeSweep(round);
        schedulePoll(round);
    }

    /** Stops the checks. Call under the engine's lock. */
    void stop() {
        round++;
        if (resyncTask != null) {
            resyncTask.cancel();
            resyncTask = null;
        }
        if (ageTask != null) {
            ageTask.cancel();
            ageTask = null;
        }
        if (pollTask != null) {
            pollTask.cancel();
            pollTask = null;
        }
    }

    private void schedulePoll(long r) {
        pollTask = scheduler.schedule(COUNT_POLL_EVERY, () -> {
            synchronized (lock) {
                if (r != round) {
                    return;
                }
                target.pollCounted();
                schedulePoll(r);
            }
        });
    }

    private void scheduleResync(long r) {
        if (resyncInterval.isZero()) {
            return;
        }
        resyncTask = scheduler.schedule(resyncInterval, () -> {
            synchronized (lock) {
                if (r != round) {
                    return;
                }
                target.periodicResync();
                scheduleResync(r);
            }
        });
    }

    private void scheduleAgeSweep(long r) {
        if (!ageRules || ageTask != null) {
            return;
        }
        ageTask = scheduler.schedule(AGE_SWEEP_EVERY, () -> {
            synchronized (lock) {
                if (r != round) {
                    return;
                }
                ageTask = null;
                target.sweepAges();
                scheduleAgeSweep(r);
            }
        });
    }
}
