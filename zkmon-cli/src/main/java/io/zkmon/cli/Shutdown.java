package io.zkmon.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stop request of a long-running command (daemon, demo): SIGTERM and SIGINT end {@link #await()}, and a watchdog
 * makes sure the process is gone within its budget even if a part hangs while stopping. A second Ctrl-C while
 * stopping exits at once.
 */
final class Shutdown {

    /** The whole budget for a graceful stop, as promised in the docs. */
    static final Duration BUDGET = Duration.ofSeconds(5);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final Duration budget;
    private volatile long requestedNanos;

    Shutdown() {
        this(BUDGET);
    }

    Shutdown(Duration budget) {
        this.budget = budget;
    }

    /** Asks for a stop (from a signal handler or a shutdown hook); never blocks. */
    void request(String why) {
        if (!reason.compareAndSet(null, why)) {
            if (why.equals("SIGINT") && finished.getCount() > 0) {
                System.err.println("zkmon: interrupted again; exiting now");
                Runtime.getRuntime().halt(130);
            }
            return;
        }
        requestedNanos = System.nanoTime();
        Thread watchdog = new Thread(() -> {
            try {
                if (!finished.await(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("zkmon: could not stop within " + budget.toSeconds() + " s; exiting anyway");
                    Runtime.getRuntime().halt(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zkmon-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        requested.countDown();
    }

    /** Waits for a stop request; returns what asked for it. */
    String await() throws InterruptedException {
        requested.await();
        return reason.get();
    }

    /** True once a stop was asked for. */
    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /**
     * What is left of the stop's one deadline for the parts to stop: the budget counted from the request, less a margin
     * for the last log lines and the JVM's exit (the whole budget when no stop was asked for yet).
     */
    Duration remaining() {
        Duration margin = Duration.ofMillis(750);
        if (!isRequested()) {
            return budget.minus(margin);
        }
        long left = budget.minus(margin).toNanos() - (System.nanoTime() - requestedNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    /** Marks the stop as done (the watchdog stands down). */
    void finished() {
        finished.countDown();
    }

    /** Waits (bounded) for {@link #finished()}; used by the JVM shutdown hook. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
