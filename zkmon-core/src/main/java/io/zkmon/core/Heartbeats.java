package io.zkmon.core;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beats for whoever watches the watcher: every alerter with a {@link Alerter#heartbeatInterval()} (a {@code heartbeat}
 * URL, Alertmanager's watchdog) gets {@link Alerter#heartbeat} about that often while this agent is healthy (it sends
 * alerts and sees ZooKeeper), and nothing once it is not, so its receiver alerts when the beats stop. The schedule
 * runs on the monitor's scheduler (memory only); the calls run on a few threads of their own ({@code zkmon-heartbeat-N}),
 * one at a time per alerter, so a slow receiver delays only its own beats, and never a notification.
 */
final class Heartbeats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    /** How often it looks whether a beat is due. */
    static final Duration TICK = Duration.ofSeconds(1);
    private static final int THREADS = 4;

    /** One alerter's beats. Scheduler thread, except {@code running} and {@code failing}. */
    private static final class Beat {
        final String id;
        final Alerter alerter;
        Instant last;
        volatile boolean running;
        volatile boolean failing;

        Beat(String id, Alerter alerter) {
            this.id = id;
            this.alerter = alerter;
        }
    }

    private final Scheduler scheduler;
    private final BooleanSupplier healthy;
    private final String cluster;
    private final String agent;
    private final String statusUrl;
    private final ThreadPoolExecutor pool;
    private volatile Map<String, Beat> beats = Map.of();
    private Scheduler.Task task;
    private boolean healthyBefore;
    private boolean closed;

    /**
     * @param healthy whether this agent sends alerts and sees ZooKeeper now
     */
    Heartbeats(Scheduler scheduler, BooleanSupplier healthy, String cluster, String agent, String statusUrl) {
        this.scheduler = scheduler;
        this.healthy = healthy;
        this.cluster = cluster;
        this.agent = agent;
        this.statusUrl = statusUrl;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "zkmon-heartbeat-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The alerters that take beats (config load and reload); an alerter kept keeps its schedule. */
    synchronized void use(Map<String, Alerter> alerters) {
        Map<String, Beat> before = beats;
        Map<String, Beat> next = new HashMap<>();
        alerters.forEach((id, a) -> {
            Beat old = before.get(id);
            next.put(id, old != null && old.alerter == a ? old : new Beat(id, a));
        });
        beats = Map.copyOf(next);
        if (!next.isEmpty() && task == null && !closed) {
            task = scheduler.schedule(Duration.ZERO, this::tick);
        }
    }

    /** Whether a beat is being sent right now, for any alerter (any thread). */
    boolean beating() {
        return beats.values().stream().anyMatch(b -> b.running);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel();
        }
        pool.shutdownNow();
    }

    private void tick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            task = scheduler.schedule(TICK, this::tick);
        }
        Instant now = scheduler.now();
        boolean ok = healthy.getAsBoolean();
        if (ok != healthyBefore && !beats.isEmpty()) {
            LOG.info(ok ? "Heartbeats start: this agent sends alerts and sees ZooKeeper"
                    : "Heartbeats stop: this agent no longer sends alerts or no longer sees ZooKeeper");
        }
        healthyBefore = ok;
        for (Beat b : beats.values()) {
            if (!ok) {
                b.last = null; // the first beat after a pause goes at once
            } else if (!b.running && (b.last == null || !now.isBefore(b.last.plus(b.alerter.heartbeatInterval())))) {
                b.last = now;
                send(b, new Heartbeat(cluster, agent, now, statusUrl));
            }
        }
    }

    private void send(Beat b, Heartbeat beat) {
        b.running = true;
        try {
            pool.execute(() -> {
                try {
                    SendResult r = safeBeat(b.alerter, beat);
                    if (!r.isSent() && !b.failing) {
                        LOG.warn("Heartbeat via {} failed: {}; trying again at the next beat", b.id, r.detail());
                    } else if (r.isSent() && b.failing) {
                        LOG.info("Heartbeat via {} delivered again", b.id);
                    }
                    b.failing = !r.isSent();
                } finally {
                    b.running = false;
                }
            });
        } catch (RejectedExecutionException e) {
            b.running = false;
            if (!closed) {
                LOG.warn("Heartbeat via {} skipped: every heartbeat thread is busy; trying again in {}", b.id,
                        Durations.format(b.alerter.heartbeatInterval()));
            }
        }
    }

    private static SendResult safeBeat(Alerter alerter, Heartbeat beat) {
        try {
            SendResult r = alerter.heartbeat(beat);
            return r != null ? r : SendResult.retryable("alerter returned no result");
        } catch (RuntimeException | LinkageError e) {
            // the message may carry a secret (a ping URL with a token): show only the type
            return SendResult.retryable("unexpected " + e.getClass().getSimpleName());
        }
    }
}
