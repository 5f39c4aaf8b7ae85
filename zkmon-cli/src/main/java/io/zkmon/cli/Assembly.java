package io.zkmon.cli;

import io.zkmon.cluster.ZkCluster;
import io.zkmon.core.MonitorListener;
import io.zkmon.core.Version;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.http.ConfigReloads;
import io.zkmon.http.HttpServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where zkmon's parts are put together: the ZooKeeper client, the cluster (agent registration,
 * alerting leadership, shared alert state and silences), the monitor, and the HTTP server. They start in that order;
 * {@link #close()} first hands alerting over (while the HTTP server stops), then stops the rest in reverse, all within
 * one deadline; when one fails to start, those already started are stopped.
 *
 * <p>Nothing here blocks on ZooKeeper: an unreachable ensemble leaves the monitor running with every path Unknown
 * while the client keeps retrying.
 */
final class Assembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);

    /** The whole stop: the shutdown watchdog's budget less a margin for logging and the JVM's exit. */
    static final Duration STOP_BUDGET = Shutdown.BUDGET.minusMillis(750);
    /** At most this much of the stop goes to leaving the cluster (flushing queued alert-state writes, releasing the lock). */
    static final Duration LEAVE_BUDGET = Duration.ofSeconds(2);

    private final Deque<Part> started = new ArrayDeque<>();
    private final String agentName;
    private CuratorFramework client;
    private ZkCluster cluster;
    private HttpServer http;
    private ZkMonitor monitor;
    private int httpPort = -1;
    /** The outcome of the latest config (re)load, for /metrics; the config given at start loaded now. */
    private final ConfigReloads reloads = ConfigReloads.loadedAt(java.time.Instant.now());
    private boolean closed;

    private record Part(String name, AutoCloseable resource) {
    }

    private Assembly(String agentName) {
        this.agentName = agentName;
    }

    /**
     * Starts every part.
     *
     * @param settings  the resolved command line
     * @param config    the loaded config
     * @param serveHttp whether to serve HTTP (the daemon and the demo do)
     * @param listeners observers added to the monitor before it starts
     * @throws StartupException naming the part that could not start; the parts started before it are stopped
     */
    static Assembly start(Settings settings, MonitorConfig config, boolean serveHttp, List<MonitorListener> listeners)
            throws StartupException {
        Assembly a = new Assembly(Agents.defaultName());
        try {
            a.startAll(settings, config, serveHttp, listeners);
            return a;
        } catch (StartupException e) {
            a.close();
            throw e;
        } catch (RuntimeException e) {
            a.close();
            throw new StartupException("could not start: " + e.getMessage(), e);
        }
    }

    private void startAll(Settings s, MonitorConfig config, boolean serveHttp, List<MonitorListener> listeners) throws StartupException {
        // 1. ZooKeeper client (connects in the background)
        client = ZooKeeperClients.create(s);
        client.start();
        started.push(new Part("ZooKeeper client", client));

        // 2. cluster: registers this agent, elects the one agent that sends, shares alert state and silences
        ZkCluster cluster = ZkCluster.builder()
                .client(client)
                .prefix(s.clusterPrefix())
                .clusterName(s.clusterName())
                .agentName(agentName)
                .httpPort(serveHttp ? s.port() : 0)
                .secured(s.hasCredentials())  // digest credentials: the cluster's znodes get creator-only ACLs
                .version(Version.get())
                .build();
        started.push(new Part("cluster", cluster));
        this.cluster = cluster;
        cluster.start();
        SilenceStore silences = cluster.silenceStore();

        // 3. monitor
        ZkMonitor.Builder mb = ZkMonitor.builder()
                .curator(client)
                .config(config)
                .clusterName(s.clusterName())
                .agentName(agentName)
                .statusUrl(serveHttp ? statusUrl(s) : null)
                .sendPermission(cluster.sendPermission())
                .alertStateStore(cluster.alertStateStore())
                .silenceStore(silences)
                .clusterView(cluster.clusterView());
        listeners.forEach(mb::listener);
        monitor = mb.build();
        started.push(new Part("monitor", monitor));
        monitor.start();

        // 4. HTTP: /status, /metrics, /api/v1, the dashboard
        if (serveHttp) {
            HttpServer http = HttpServer.builder()
                    .monitor(monitor)
                    .silences(silences)
                    .apiToken(s.apiToken())
                    .bind(s.bind())
                    .port(s.port())
                    .statusFormat(s.statusFormat())
                    .configReloads(reloads)
                    .build();
            try {
                http.start();
            } catch (IllegalStateException e) {
                String hint = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("in use")
                        ? " (another process listens there: stop it, or choose another port with -p)" : "";
                throw new StartupException(e.getMessage() + hint, e);
            }
            started.push(new Part("HTTP server", http));
            this.http = http;
            httpPort = http.port();
        }
    }

    private String statusUrl(Settings s) {
        String host = s.bind().equals("0.0.0.0") || s.bind().equals("::") || s.bind().equals("[::]") ? Agents.host() : s.bind();
        return "http://" + host + ":" + s.port() + "/status";
    }

    /** Where the config reloader reports reloads, for {@code zkmon_config_last_reload_*}. */
    ConfigReloads configReloads() {
        return reloads;
    }

    /** The monitor. */
    ZkMonitor monitor() {
        return monitor;
    }

    /** This agent's name ({@code host-pid}). */
    String agentName() {
        return agentName;
    }

    /** The HTTP port served, or -1 when this build or run serves no HTTP. */
    int httpPort() {
        return httpPort;
    }

    /** Stops every started part within {@link #STOP_BUDGET}: see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(STOP_BUDGET);
    }

    /**
     * Stops every started part within one deadline. First, while the HTTP server stops on a thread of its own, this
     * agent leaves the cluster: it stops sending at once, writes the alert state still queued, and deletes its lock
     * node and registration, so that another agent takes over alerting at once rather than after this one's flush.
     * Then the monitor (which lets deliveries in flight finish; what they did not confirm stays in the shared outbox
     * for the next sender), the cluster's caches, and last the ZooKeeper session. A part that does not stop by the
     * deadline is left behind with a WARN, and the ones after it still stop.
     *
     * @param within the whole stop's budget
     */
    synchronized void close(Duration within) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + within.toNanos();
        Thread httpStop = null;
        if (http != null) {
            HttpServer server = http;
            httpStop = new Thread(() -> closePart(new Part("HTTP server", server)), "zkmon-stop-http");
            httpStop.setDaemon(true);
            httpStop.start();
        }
        if (cluster != null) {
            long left = Math.max(0, deadline - System.nanoTime());
            Duration leave = Duration.ofNanos(Math.min(LEAVE_BUDGET.toNanos(), left / 2));
            try {
                if (!cluster.leave(leave)) {
                    LOG.warn("Leaving the cluster did not finish within {} ms; the rest goes on in the background", leave.toMillis());
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not leave the cluster cleanly: {}", e.toString());
            }
        }
        if (httpStop != null) {
            joinUntil(httpStop, "HTTP server", deadline);
        }
        while (!started.isEmpty()) {
            Part p = started.pop();
            if (p.resource() == http) {
                continue; // stopped above
            }
            Thread stop = new Thread(() -> closePart(p), "zkmon-stop-" + p.name().replace(' ', '-'));
            stop.setDaemon(true);
            stop.start();
            joinUntil(stop, p.name(), started.isEmpty() ? deadline + TimeUnit.MILLISECONDS.toNanos(500) : deadline);
        }
    }

    private static void closePart(Part p) {
        try {
            p.resource().close();
        } catch (Exception e) {
            LOG.warn("Could not stop the {} cleanly: {}", p.name(), e.toString());
        }
    }

    /** Waits for a part's stop until the deadline (the last part, the ZooKeeper session, gets a little more). */
    private static void joinUntil(Thread stop, String name, long deadline) {
        try {
            stop.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            LOG.warn("The {} did not stop within the stop's deadline; going on without it", name);
        }
    }
}
