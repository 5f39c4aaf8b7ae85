package io.zkmon.core;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.config.MonitorSettings;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;

/**
 * Watches znodes, evaluates each against its {@link PathSpec}, and dispatches alerts when one goes out of spec.
 * What it knows is read through {@link MonitorView}, which it extends: hand it to readers (the HTTP server, a
 * dashboard of your own) as that.
 *
 * <pre>{@code
 * try (ZkMonitor monitor = ZkMonitor.builder()
 *         .curator(client)                                   // yours: zkmon won't close it
 *         .configYaml("/services/foo: {children: 2, alerter: log}")
 *         .build()
 *         .start()) {
 *     monitor.awaitPrimed(Duration.ofSeconds(10));
 *     monitor.status().paths().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns at once; connecting and reading happen in the background, and while ZooKeeper is
 * unreachable every path is {@code UNKNOWN} (which never alerts). {@link #close()} releases everything the monitor
 * opened, and nothing it was given.
 */
public interface ZkMonitor extends MonitorView, AutoCloseable {

    /** Starts building a monitor. */
    static Builder builder() {
        return new Builder();
    }

    /** Starts watching (non-blocking). Returns this monitor. */
    ZkMonitor start();

    /**
     * Waits until every path has been read since the last (re)connect.
     *
     * @return false when the timeout passed first
     */
    boolean awaitPrimed(Duration timeout) throws InterruptedException;

    /** The config in use: specs, the alerters built from it (settings included) and settings. */
    MonitorConfig config();

    /** The settings of the config in use. */
    @Override
    default MonitorSettings settings() {
        return config().settings();
    }

    /**
     * Replaces the config: new paths are watched, removed ones dropped, changed specs re-evaluated; the alert state
     * of paths that stay is kept. The old config's alerters are closed.
     */
    void reload(MonitorConfig config);

    /** The default agent name, {@code host-pid}: what the monitor and the cluster use unless told otherwise. */
    static String defaultAgentName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Stops watching and dispatching and releases what the monitor opened. */
    @Override
    void close();

    /** Builds a {@link ZkMonitor}. Give it a Curator client or a connect string, and specs from YAML or code. */
    final class Builder {
        CuratorFramework client;
        String connectString;
        String digest;
        org.apache.zookeeper.client.ZKClientConfig clientConfig;
        Duration sessionTimeout = Duration.ofSeconds(30);
        MonitorConfig config;
        Path configFile;
        String configYaml;
        final List<PathSpec> paths = new ArrayList<>();
        final Map<String, Alerter> alerters = new LinkedHashMap<>();
        AlerterRegistry registry;
        Map<String, String> env;
        Scheduler scheduler;
        final List<DispatcherDecorator> decorators = new ArrayList<>();
        SendPermission permission = SendPermission.ALWAYS;
        AlertStateStore stateStore = AlertStateStore.inMemory();
        SilenceStore silences = SilenceStore.inMemory();
        String cluster = "zkmonitor";
        String agent;
        String statusUrl;
        ClusterView clusterView;
        final List<MonitorListener> listeners = new ArrayList<>();
        ServerInfo.WatchMode watchMode;

        Builder() {
        }

        /** Use this started Curator client (zkmon never closes it). */
        public Builder curator(CuratorFramework client) {
            this.client = Objects.requireNonNull(client);
            return this;
        }

        /** Connect to this ensemble ({@code host:port,...}) with a client zkmon owns. */
        public Builder connectString(String connectString) {
            this.connectString = Objects.requireNonNull(connectString);
            return this;
        }

        /** Digest credentials for the client zkmon owns. */
        public Builder credentials(String user, String password) {
            this.digest = Objects.requireNonNull(user) + ":" + Objects.requireNonNull(password);
            return this;
        }

        /**
         * ZooKeeper client settings for the client zkmon owns: TLS ({@code zookeeper.client.secure},
         * {@code zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty}, {@code zookeeper.ssl.*}) and
         * SASL ({@code zookeeper.sasl.clientconfig}, the login context; JAAS itself is configured JVM-wide, with
         * {@code -Djava.security.auth.login.config}). The same settings serve the probe that asks each server its
         * version ({@code srvr} over TLS when the client is secure). Default: {@code new ZKClientConfig()}, which reads
         * the {@code zookeeper.*} system properties. With {@link #curator(CuratorFramework)}, configure your own
         * client instead.
         */
        public Builder clientConfig(org.apache.zookeeper.client.ZKClientConfig config) {
            this.clientConfig = Objects.requireNonNull(config);
            return this;
        }

        /** Session timeout for the client zkmon owns (default 30 s). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Specs, alerters and settings already loaded. */
        public Builder config(MonitorConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /** Load specs from a YAML file when building. */
        public Builder configFile(Path file) {
            this.configFile = Objects.requireNonNull(file);
            return this;
        }

        /** Load specs from YAML text when building. */
        public Builder configYaml(String yaml) {
            this.configYaml = Objects.requireNonNull(yaml);
            return this;
        }

        /** Add specs built in code. */
        public Builder paths(PathSpec... specs) {
            paths.addAll(List.of(specs));
            return this;
        }

        /** Add an alerter built in code, referenced from specs by {@code id}. */
        public Builder alerter(String id, Alerter alerter) {
            alerters.put(Objects.requireNonNull(id), Objects.requireNonNull(alerter));
            return this;
        }

        /** Alerter types for YAML (default: found by ServiceLoader). */
        public Builder alerterRegistry(AlerterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        /** Environment for {@code ${VAR}} in YAML (default: the process environment). */
        public Builder env(Map<String, String> env) {
            this.env = Objects.requireNonNull(env);
            return this;
        }

        /** Time and the dispatcher's thread (default: the system clock on a daemon thread). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        /**
         * Wraps the dispatcher, or replaces it. The decorator gets the default dispatcher (or what the decorator added
         * before it returned: they apply in the order added) and the monitor as a {@link MonitorView}, once, when
         * {@link #build()} has everything else in place; see {@link DispatcherDecorator}.
         */
        public Builder decorateDispatcher(DispatcherDecorator decorator) {
            decorators.add(Objects.requireNonNull(decorator));
            return this;
        }

        /** Whether this agent may send (the cluster module's leadership). */
        public Builder sendPermission(SendPermission permission) {
            this.permission = Objects.requireNonNull(permission);
            return this;
        }

        /** Where alert state lives (the cluster module shares it through ZooKeeper). */
        public Builder alertStateStore(AlertStateStore store) {
            this.stateStore = Objects.requireNonNull(store);
            return this;
        }

        /** Where silences live. */
        public Builder silenceStore(SilenceStore store) {
            this.silences = Objects.requireNonNull(store);
            return this;
        }

        /** Cluster name for notifications and dedup keys (default {@code zkmonitor}). */
        public Builder clusterName(String cluster) {
            this.cluster = Objects.requireNonNull(cluster);
            return this;
        }

        /** This agent's name (default {@code host-pid}). */
        public Builder agentName(String agent) {
            this.agent = Objects.requireNonNull(agent);
            return this;
        }

        /** A link to this agent's {@code /status}, put in notifications. */
        public Builder statusUrl(String url) {
            this.statusUrl = url;
            return this;
        }

        /**
         * The cluster this agent belongs to as it sees it (the cluster module's {@code ZkCluster.clusterView()}), for
         * readers of the view: {@link MonitorView#cluster()}. Default: none, this agent runs alone.
         */
        public Builder clusterView(ClusterView view) {
            this.clusterView = Objects.requireNonNull(view);
            return this;
        }

        /**
         * How to watch, instead of asking each server what it supports (the default, at every connect: persistent
         * recursive watches on ZooKeeper 3.6+, one-shot watches on 3.4 and 3.5). {@code ONE_SHOT} works on every
         * version; {@code PERSISTENT} skips the question and needs 3.6+ everywhere.
         *
         * @throws IllegalArgumentException for {@code UNSUPPORTED}
         */
        public Builder watchMode(ServerInfo.WatchMode mode) {
            if (mode == ServerInfo.WatchMode.UNSUPPORTED) {
                throw new IllegalArgumentException("the watch mode to use must be PERSISTENT or ONE_SHOT");
            }
            this.watchMode = Objects.requireNonNull(mode);
            return this;
        }

        /** Add a listener before start, so it sees the first reads. */
        public Builder listener(MonitorListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Builds the monitor: loads and validates config (no network I/O).
         *
         * @throws io.zkmon.core.config.ConfigException when the YAML is invalid
         * @throws IllegalStateException when neither a client nor a connect string was given, or no paths
         */
        public ZkMonitor build() {
            if (client == null && connectString == null) {
                throw new IllegalStateException("give the monitor a Curator client (curator) or a connect string (connectString)");
            }
            MonitorConfig cfg = resolveConfig();
            return new ZkMonitorImpl(this, cfg);
        }

        private MonitorConfig resolveConfig() {
            MonitorConfig cfg = config;
            if (cfg == null && (configFile != null || configYaml != null)) {
                ConfigLoader loader = ConfigLoader.create(registry != null ? registry : AlerterRegistry.load(), env != null ? env : System.getenv());
                cfg = configFile != null ? loader.load(configFile) : loader.parse(configYaml, "<yaml>");
            }
            if (cfg == null) {
                cfg = MonitorConfig.of(List.of());
            }
            if (!paths.isEmpty()) {
                List<PathSpec> all = new ArrayList<>(cfg.paths());
                all.addAll(paths);
                cfg = new MonitorConfig(cfg.source(), all, cfg.alerters(), cfg.settings());
            }
            if (cfg.paths().isEmpty()) {
                throw new IllegalStateException("no paths to watch: give specs with config, configFile, configYaml or paths");
            }
            return cfg;
        }
    }
}
