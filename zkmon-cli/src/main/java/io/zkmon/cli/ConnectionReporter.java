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
    private final Duration grace;
    private final Duration reminder;
    private final ScheduledExecutorService timer;
    private long disconnectedSince = System.nanoTime();
    private long lastWarning;
    private boolean connected;
    private boolean warned;

    ConnectionReporter(String connectString) {
        this(connectString, Duration.ofSeconds(15), Duration.ofMinutes(5));
    }

    ConnectionReporter(String connectString, Duration grace, Duration reminder) {
        this.connectString = connectString;
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

    private synchronized void check() {
        if (connected) {
            return;
        }
        long now = System.nanoTime();
        Duration down = Duration.ofNanos(now - disconnectedSince);
        if (down.compareTo(grace) < 0 || (warned && Duration.ofNanos(now - lastWarning).compareTo(reminder) < 0)) {
            return;
        }
        LOG.warn("Cannot reach ZooKeeper at {} (for {}); still trying. Every path is Unknown until it is reached.",
                connectString, Durations.formatApproximately(down));
        warned = true;
        lastWarning = now;
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
