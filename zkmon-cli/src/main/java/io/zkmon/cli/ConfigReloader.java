package io.zkmon.cli;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.http.ConfigReloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config file on SIGHUP and when its content changes (polled, so an edit in place, a rename over it and
 * a Kubernetes ConfigMap's symlink swap are all seen). A new file that is invalid is rejected with its errors and the
 * running config stays; the monitor keeps the alert state of paths whose spec did not change.
 *
 * <p>All work happens on one thread, so reloads never overlap.
 */
final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** How often the file is read to see whether it changed. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Path file;
    private final ZkMonitor monitor;
    private final ConfigLoader loader;
    private final ScheduledExecutorService thread;
    /** The content last acted on (applied or rejected), so a change is acted on once. */
    private byte[] seen;
    /** A changed content waiting to stay the same for one more poll (an editor may still be writing). */
    private byte[] pending;
    /** Told of every reload's outcome (for /metrics); null until {@link #reportingTo}. */
    private volatile ConfigReloads reloads;

    /**
     * @param file     the config file the running config came from
     * @param content  the bytes it was loaded from
     * @param monitor  the monitor to reload
     * @param loader   the loader (alerter types and environment)
     */
    ConfigReloader(Path file, byte[] content, ZkMonitor monitor, ConfigLoader loader) {
        this.file = file;
        this.seen = content;
        this.monitor = monitor;
        this.loader = loader;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zkmon-config-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** Tells {@code reloads} of the outcome of every reload from now on. */
    ConfigReloader reportingTo(ConfigReloads reloads) {
        this.reloads = reloads;
        return this;
    }

    /** Starts watching the file for changes, unless {@code -Dzkmon.config.watch=false} leaves reloads to SIGHUP alone. */
    ConfigReloader start() {
        if (!"false".equals(System.getProperty("zkmon.config.watch"))) {
            thread.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Reloads now, whatever the content (SIGHUP). Returns at once; safe to call from a signal handler. */
    void requestReload(String why) {
        try {
            thread.execute(() -> reload(why, read()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing to reload into
        }
    }

    private void poll() {
        try {
            byte[] now = read();
            if (Arrays.equals(now, seen)) {
                pending = null;
                return;
            }
            if (!Arrays.equals(now, pending)) {
                pending = now;  // wait one more poll for the writer to finish
                return;
            }
            pending = null;
            reload("the file changed", now);
        } catch (RuntimeException e) {
            LOG.error("Watching {} for changes failed", file, e);
        }
    }

    /** The file's bytes, or null when it cannot be read. */
    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private void reload(String why, byte[] content) {
        seen = content;
        MonitorConfig next;
        try {
            next = ConfigFiles.parse(loader, file, content);
        } catch (ConfigException e) {
            LOG.error("Config reload ({}) rejected; still running the previous config. {}", why, e.getMessage());
            report(false);
            return;
        }
        MonitorConfig before = monitor.config();
        try {
            monitor.reload(next);
        } catch (RuntimeException e) {
            LOG.error("Config reload ({}) failed; still running the previous config: {}", why, e.getMessage());
            next.alerters().values().forEach(d -> d.alerter().close());
            report(false);
            return;
        }
        report(true);
        LOG.info("Reloaded {} ({}): {}", file, why, summary(before, next));
    }

    private void report(boolean success) {
        ConfigReloads r = reloads;
        if (r != null) {
            if (success) {
                r.succeeded(Instant.now());
            } else {
                r.failed(Instant.now());
            }
        }
    }

    /** {@code 4 paths; added /a; removed /b; changed /c} for the log. */
    static String summary(MonitorConfig before, MonitorConfig after) {
        Set<String> old = paths(before.paths());
        Set<String> now = paths(after.paths());
        Set<String> added = new LinkedHashSet<>(now);
        added.removeAll(old);
        Set<String> removed = new LinkedHashSet<>(old);
        removed.removeAll(now);
        Set<String> changed = after.paths().stream()
                .filter(p -> old.contains(p.path()) && !sameSpec(before.spec(p.path()), p))
                .map(PathSpec::path).collect(Collectors.toCollection(LinkedHashSet::new));
        StringBuilder sb = new StringBuilder().append(now.size()).append(now.size() == 1 ? " path" : " paths");
        if (!added.isEmpty()) {
            sb.append("; added ").append(String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            sb.append("; removed ").append(String.join(", ", removed));
        }
        if (!changed.isEmpty()) {
            sb.append("; changed ").append(String.join(", ", changed));
        }
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            sb.append("; no path changed");
        }
        return sb.toString();
    }

    private static boolean sameSpec(PathSpec a, PathSpec b) {
        // rules holding a regex have no value equality; their text is what the user wrote
        return a != null && a.toString().equals(b.toString());
    }

    private static Set<String> paths(List<PathSpec> specs) {
        return specs.stream().map(PathSpec::path).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Stops watching; a reload in progress finishes first (bounded). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
