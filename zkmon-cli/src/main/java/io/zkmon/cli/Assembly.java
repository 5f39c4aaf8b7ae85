package io.zkmon.cli;

import io.zkmon.cluster.ZkCluster;
import io.zkmon.core.MonitorListener;
import io.zkmon.core.Version;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.http.ConfigReloads;
import io.zkmon.http.HttpServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where zkmon's parts are put together: the ZooKeeper client, the cluster (agent registration,
 * alerting leadership, shared alert state and silences), the monitor, and the HTTP server. They start in that order;
 * {@link #close()} stops them in reverse, and when one fails to start, those already started are stopped.
 *
 * <p>Nothing here blocks on ZooKeeper: an unreachable ensemble leaves the monitor running with every path Unknown
 * while the client keeps retrying.
 */
final class Assembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);

    private final Deque<Part> started = new ArrayDeque<>();
    private final String agentName;
    private CuratorFramework client;
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

    /**
     * Stops every started part in reverse order: HTTP first, then the monitor (which flushes pending notifications for
     * a bounded time), the cluster (releasing leadership and removing this agent's node), and last the ZooKeeper
     * session, so this agent's ephemeral nodes vanish at once rather than after the session timeout.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Part p = started.pop();
            try {
                p.resource().close();
            } catch (Exception e) {
                LOG.warn("Could not stop the {} cleanly: {}", p.name(), e.toString());
            }
        }
    }
}
