package io.zkmon.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time and a single thread of execution. Tasks run one at a time, in order of their due time, so a component
 * that does all its work through its scheduler needs no locks. Tests pass a scheduler they drive by hand.
 *
 * <p>A scheduler may be shared. By default a monitor gives its watch engine ({@code zkmon-engine}: resync, data-age
 * sweep, re-sorting) and its dispatcher ({@code zkmon-dispatch}) a thread each, so that neither holds up the other;
 * a scheduler passed to {@code ZkMonitor.Builder.scheduler} drives both, so that one clock drives all of a test.
 * On a shared scheduler, every task delays every other component's: a task must be short and must never block (no
 * I/O, no waiting for another thread, no lock that is held for long), and it must not assume it is the only user
 * of the thread.
 */
public interface Scheduler extends AutoCloseable {

    /** The current time. */
    Instant now();

    /** Runs a task after a delay; the returned handle cancels it if it has not started. */
    Task schedule(Duration delay, Runnable task);

    /** Runs a task as soon as possible, after those already due. */
    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Stops running tasks; tasks not yet run are dropped. */
    @Override
    void close();

    /** A scheduled task. */
    @FunctionalInterface
    interface Task {
        /** Cancels the task if it has not started; does nothing otherwise. */
        void cancel();
    }

    /** A scheduler on one daemon thread with the system clock. */
    static Scheduler system(String threadName) {
        return new SystemScheduler(threadName, Clock.systemUTC());
    }
}
