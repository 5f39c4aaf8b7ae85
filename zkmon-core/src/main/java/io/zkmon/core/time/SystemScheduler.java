package io.zkmon.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Scheduler} on one daemon thread; a task that throws is logged and does not stop the others. */
final class SystemScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Clock clock;

    SystemScheduler(String threadName, Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Task schedule(Duration delay, Runnable task) {
        Runnable safe = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("Scheduled task failed (a bug in zkmon or in a listener)", e);
            }
        };
        try {
            ScheduledFuture<?> f = executor.schedule(safe, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
