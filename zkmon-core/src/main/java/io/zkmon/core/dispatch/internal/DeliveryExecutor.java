package io.zkmon.core.dispatch.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool every alerter's sends run on, shared by all alerters: at most {@code threads} threads in all, and at
 * most {@code perAlerter} sends at once for one alerter (by display name, so the inline alerters of one type, say
 * 500 paths each with its own {@code slack:} webhook, share one allowance). Sends over an alerter's allowance wait in
 * that alerter's own queue, in order; the rest wait in the pool's queue. Threads are made on demand and end after 30 s
 * idle.
 *
 * <p>What a slow or hung alerter costs: its sends hold at most {@code perAlerter} threads, always fewer than the
 * pool has, so the other alerters keep at least {@code threads - perAlerter} threads and a hung alerter cannot starve
 * them. Only when several alerters hang at once and together hold every thread do the others' sends wait (queued, in
 * order, never dropped) until one of those sends returns: built-in alerters bound every request with a timeout; an
 * alerter without one holds its threads until the dispatcher closes, which interrupts them. Evaluation and decisions
 * never wait for this pool: they run on the dispatcher's thread and only queue sends here.
 *
 * <p>Ordering per path and alerter is not this class's business: a {@link Lane} hands over one send at a time.
 */
final class DeliveryExecutor implements AutoCloseable {

    /** A send, told when it cannot be run. */
    interface Job extends Runnable {
        /** The pool refused the job (it is shut down, or the executor refuses work); called on any thread. */
        void refused(RejectedExecutionException e);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Executor executor;
    private final ExecutorService owned;
    private final int perAlerter;
    private final Map<String, Allowance> allowances = new HashMap<>(); // guarded by this

    /** Sends of one alerter: how many hold a thread (or wait in the pool's queue), and which wait for their turn. */
    private static final class Allowance {
        int running;
        final ArrayDeque<Job> waiting = new ArrayDeque<>();
    }

    private DeliveryExecutor(Executor executor, ExecutorService owned, int perAlerter) {
        if (perAlerter < 1) {
            throw new IllegalArgumentException("at least one send per alerter, got " + perAlerter);
        }
        this.executor = executor;
        this.owned = owned;
        this.perAlerter = perAlerter;
    }

    /** A pool of its own: {@code threads} daemon threads {@code zkmon-delivery-<pool>-<n>}, at most {@code perAlerter} per alerter. */
    static DeliveryExecutor pool(int threads, int perAlerter) {
        if (perAlerter >= threads) {
            throw new IllegalArgumentException("the per-alerter limit (" + perAlerter + ") must be below the thread count ("
                    + threads + "), so that a hung alerter cannot take every thread");
        }
        String prefix = "zkmon-delivery-" + POOLS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return new DeliveryExecutor(pool, pool, perAlerter);
    }

    /** Runs sends on an executor of the caller's (tests: {@code Runnable::run}), still at most {@code perAlerter} per alerter. */
    static DeliveryExecutor on(Executor executor, int perAlerter) {
        return new DeliveryExecutor(executor, null, perAlerter);
    }

    /** Runs a send of an alerter when the alerter's allowance and a thread permit; never blocks. */
    void submit(String alerter, Job job) {
        synchronized (this) {
            Allowance a = allowances.computeIfAbsent(alerter, k -> new Allowance());
            if (a.running >= perAlerter) {
                a.waiting.addLast(job);
                return;
            }
            a.running++;
        }
        start(alerter, job);
    }

    /** Sends of an alerter that hold a thread or wait for one (for tests and status). */
    synchronized int running(String alerter) {
        Allowance a = allowances.get(alerter);
        return a == null ? 0 : a.running;
    }

    /** Sends of an alerter waiting for its allowance. */
    synchronized int waiting(String alerter) {
        Allowance a = allowances.get(alerter);
        return a == null ? 0 : a.waiting.size();
    }

    private void start(String alerter, Job job) {
        try {
            executor.execute(() -> run(alerter, job));
        } catch (RejectedExecutionException e) {
            finished(alerter);
            job.refused(e);
        }
    }

    private void run(String alerter, Job job) {
        try {
            job.run();
        } finally {
            finished(alerter);
        }
    }

    /** A send of the alerter is over: its thread goes to the alerter's next waiting send, if any. */
    private void finished(String alerter) {
        Job next;
        synchronized (this) {
            Allowance a = allowances.get(alerter);
            next = a.waiting.pollFirst();
            if (next == null) {
                a.running--;
                if (a.running == 0) {
                    allowances.remove(alerter);
                }
                return;
            }
        }
        start(alerter, next);
    }

    /** Stops the pool it owns (interrupting sends in flight) and refuses every send still waiting. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
        Map<String, ArrayDeque<Job>> dropped = new HashMap<>();
        synchronized (this) {
            allowances.forEach((alerter, a) -> dropped.put(alerter, new ArrayDeque<>(a.waiting)));
            allowances.values().forEach(a -> a.waiting.clear());
        }
        RejectedExecutionException closed = new RejectedExecutionException("the dispatcher is closing");
        dropped.values().forEach(q -> q.forEach(j -> j.refused(closed)));
    }
}
