package io.zkmon.cli;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.spec.Durations;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when ZooKeeper cannot be reached: once after a grace period, then every few minutes, and once more when it
 * is reached. An unreachable ensemble is not an error for the daemon (it keeps retrying, every path is Unknown), but
 * an operator reading the log must not have to guess.
 */
final class ConnectionReporter implements MonitorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReporter.class);

    private final String connectString;
    private final java.util.function.Supplier<String> diagnosis;
    private final Duration grace;
    private final Duration reminder;
    private final ScheduledExecutorService timer;
    private long disconnectedSince = System.nanoTime();
    private long lastWarning;
    private boolean connected;
    private boolean warned;

    ConnectionReporter(String connectString) {
        this(connectString, () -> null);
    }

    /**
     * @param diagnosis says why the servers cannot be reached (a refused connection, a TLS handshake that fails and
     *                  why), asked on the reporter's thread when it warns; null when it cannot tell
     */
    ConnectionReporter(String connectString, java.util.function.Supplier<String> diagnosis) {
        this(connectString, diagnosis, Duration.ofSeconds(15), Duration.ofMinutes(5));
    }

    ConnectionReporter(String connectString, Duration grace, Duration reminder) {
        this(connectString, () -> null, grace, reminder);
    }

    ConnectionReporter(String connectString, java.util.function.Supplier<String> diagnosis, Duration grace, Duration reminder) {
        this.connectString = connectString;
        this.diagnosis = diagnosis;
        this.grace = grace;
        this.reminder = reminder;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zkmon-connection-reporter");
            t.setDaemon(true);
            return t;
        });
    }

    ConnectionReporter start() {
        long period = Math.min(grace.toMillis(), 5_000);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    private void check() {
        Duration down;
        synchronized (this) {
            if (connected) {
                return;
            }
            long now = System.nanoTime();
            down = Duration.ofNanos(now - disconnectedSince);
            if (down.compareTo(grace) < 0 || (warned && Duration.ofNanos(now - lastWarning).compareTo(reminder) < 0)) {
                return;
            }
            warned = true;
            lastWarning = now;
        }
        // outside the lock: trying the servers takes a few seconds, and a connection may come meanwhile
        String why = why();
        synchronized (this) {
            if (connected) {
                return;
            }
        }
        LOG.warn("Cannot reach ZooKeeper at {} (for {}); still trying. Every path is Unknown until it is reached.{}",
                connectString, Durations.formatApproximately(down), why == null || why.isEmpty() ? "" : " " + why);
    }

    private String why() {
        try {
            return diagnosis.get();
        } catch (RuntimeException e) {
            LOG.debug("Could not tell why ZooKeeper cannot be reached", e);
            return null;
        }
    }

    @Override
    public synchronized void onConnectionChange(boolean nowConnected) {
        if (nowConnected == connected) {
            return;
        }
        connected = nowConnected;
        if (nowConnected) {
            if (warned) {
                LOG.warn("Reached ZooKeeper at {} after {}", connectString,
                        Durations.formatApproximately(Duration.ofNanos(System.nanoTime() - disconnectedSince)));
            }
            warned = false;
        } else {
            disconnectedSince = System.nanoTime();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
