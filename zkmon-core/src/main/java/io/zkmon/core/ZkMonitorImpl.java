package io.zkmon.core;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.internal.DefaultDispatcher;
import io.zkmon.core.dispatch.internal.PathLookup;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ZkMonitor}: wires config, the watch engine, the (decorated) dispatcher, listeners, the {@link SelfWatch}
 * (alerts about zkmon itself) and the {@link Heartbeats}.
 */
final class ZkMonitorImpl implements ZkMonitor, EngineListener {

    private static final Logger LOG = LoggerFactory.getLogger(ZkMonitorImpl.class);

    private final CuratorFramework client;
    private final boolean ownsClient;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final MonitorAlerters alerters;
    private final String agent;
    private final String cluster;
    private final WatchEngine engine;
    private final Dispatcher defaultDispatcher;
    private final Dispatcher dispatcher; // the decorated one: null only while decorators run
    private final ClusterView clusterView;
    private final SelfWatch selfWatch;
    private final Heartbeats heartbeats;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private final Object primedSignal = new Object();
    private volatile MonitorConfig config;
    private boolean started;
    private boolean closed;

    ZkMonitorImpl(Builder b, MonitorConfig config) {
        this.alerters = new MonitorAlerters(b.alerters);
        alerters.check(config);
        this.config = config;
        this.agent = b.agent != null ? b.agent : ZkMonitor.defaultAgentName();
        this.cluster = b.cluster;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.system("zkmon-dispatch") : b.scheduler;
        if (b.client != null) {
            this.client = b.client;
            this.ownsClient = false;
        } else {
            CuratorFrameworkFactory.Builder cb = CuratorFrameworkFactory.builder()
                    .connectString(b.connectString)
                    .sessionTimeoutMs((int) b.sessionTimeout.toMillis())
                    .connectionTimeoutMs((int) Math.min(15_000, b.sessionTimeout.toMillis()))
                    .retryPolicy(new ExponentialBackoffRetry(500, 10, 10_000));
            if (b.clientConfig != null) {
                cb.zkClientConfig(b.clientConfig);
            }
            if (b.digest != null) {
                cb.authorization("digest", b.digest.getBytes(StandardCharsets.UTF_8));
            }
            this.client = cb.build();
            this.ownsClient = true;
        }
        this.clusterView = b.clusterView;
        listeners.addAll(b.listeners);
        // the engine's timers get a thread of their own, unless the caller drives time for everything (see Scheduler)
        this.engine = ownsScheduler ? WatchEngine.withOwnTimerThread(client, this, b.watchMode)
                : new WatchEngine(client, scheduler, false, this, WatchStrategy.byMode(), b.watchMode);
        this.defaultDispatcher = DefaultDispatcher.builder()
                        .scheduler(scheduler)
                        .alerters(alerters.all(config))
                        .permission(b.permission)
                        .stateStore(b.stateStore)
                        .silences(b.silences)
                        .retry(config.settings().retry())
                        .cluster(cluster)
                        .agent(agent)
                        .statusUrl(b.statusUrl)
                        .lookup(new PathLookup() {
                            @Override
                            public PathLookup.Observed observe(String path) {
                                PathStatus st = ZkMonitorImpl.this.status(path);
                                return st == null ? null : new PathLookup.Observed(st.spec(), st.compliance(), st.childCount());
                            }

                            @Override
                            public boolean primed() {
                                return engine.primed();
                            }
                        })
                        .build();
        this.dispatcher = decorate(b.decorators);
        SendPermission permission = b.permission;
        this.selfWatch = new SelfWatch(scheduler, new SelfWatch.Sight() {
            @Override
            public boolean connected() {
                return engine.connected();
            }

            @Override
            public Instant connectionSince() {
                return engine.stateSince();
            }

            @Override
            public int paths() {
                return engine.table().size();
            }

            @Override
            public int unknownPaths() {
                return engine.table().stateCounts()[State.UNKNOWN.ordinal()];
            }

            @Override
            public List<PathStatus> statuses() {
                return engine.table().statuses();
            }
        }, clusterView, permission, agent, cluster,
                () -> new SelfWatch.Settings(this.config.settings().blindTimeout(), this.config.selfAlerters()),
                c -> dispatcher().selfCondition(c));
        this.heartbeats = new Heartbeats(scheduler, () -> engine.connected() && permission.isPermitted(), cluster, agent, b.statusUrl);
    }

    /** Applies the decorators last, so that the view they get answers (with the default dispatcher until they return). */
    private Dispatcher decorate(List<DispatcherDecorator> decorators) {
        Dispatcher d = defaultDispatcher;
        try {
            for (DispatcherDecorator decorator : decorators) {
                d = Objects.requireNonNull(decorator.decorate(d, this), "a dispatcher decorator returned null");
            }
            return d;
        } catch (RuntimeException e) {
            if (d != defaultDispatcher) {
                d.close();
            }
            defaultDispatcher.close();
            if (ownsScheduler) {
                scheduler.close();
            }
            throw e;
        }
    }

    /** The dispatcher in use: the decorated one once built, the default one while decorators run. */
    private Dispatcher dispatcher() {
        Dispatcher d = dispatcher;
        return d != null ? d : defaultDispatcher;
    }

    @Override
    public synchronized ZkMonitor start() {
        if (started) {
            return this;
        }
        if (closed) {
            throw new IllegalStateException("this monitor is closed");
        }
        started = true;
        if (ownsClient) {
            client.start();
        } else if (client.getState() != CuratorFrameworkState.STARTED) {
            throw new IllegalStateException("the Curator client handed to the monitor must be started");
        }
        LOG.info("Watching {} paths (agent {}, cluster {})", config.paths().size(), agent, cluster);
        dispatcher.start();
        engine.start(config.paths(), config.settings().resyncInterval());
        selfWatch.start();
        heartbeats.use(alerters.heartbeats(config));
        return this;
    }

    @Override
    public boolean awaitPrimed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (primedSignal) {
            while (!engine.primed()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                primedSignal.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public MonitorStatus status() {
        return new MonitorStatus(Version.get(), engine.connected(), engine.primed(), engine.stateSince(), engine.table().statuses(), dispatcher().status());
    }

    @Override
    public long generation() {
        long d = dispatcher().generation();
        // a dispatcher that cannot tell makes every status new
        return d == 0 ? System.nanoTime() : engine.table().generation() + d + selfWatch.generation();
    }

    @Override
    public List<SelfAlert> selfAlerts() {
        return selfWatch.current();
    }

    @Override
    public MonitorSummary summary() {
        int[] c = engine.table().stateCounts();
        return new MonitorSummary(engine.connected(), engine.primed(), engine.stateSince(), engine.table().size(), c[0], c[1], c[2]);
    }

    @Override
    public PathStatus status(String path) {
        return engine.status(path);
    }

    @Override
    public MonitorConfig config() {
        return config;
    }

    @Override
    public synchronized void reload(MonitorConfig next) {
        alerters.check(next);
        MonitorConfig old = this.config;
        this.config = next;
        dispatcher.alertersChanged(alerters.all(next));
        engine.reload(next.paths(), next.settings().resyncInterval());
        heartbeats.use(alerters.heartbeats(next));
        // paths out of spec keep their incident; hand the dispatcher their new spec (grace period, alerters)
        for (PathStatus s : engine.table().statuses()) {
            if (s.state() == State.ERROR) {
                dispatcher.accept(new Transition(s.spec(), s.compliance(), s.compliance(), s.childCount(), List.of(), List.of(), s.updated()));
            }
        }
        MonitorAlerters.closeDropped(old, next);
        LOG.info("Reloaded config from {}: {} paths", next.source(), next.paths().size());
    }

    @Override
    public void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    @Override
    public DispatcherStatus dispatcherStatus() {
        return dispatcher().status();
    }

    @Override
    public Map<String, String> alerterNames() {
        return alerters.names(config);
    }

    @Override
    public Optional<ServerInfo> server() {
        return Optional.ofNullable(engine.server());
    }

    @Override
    public Optional<ClusterView> cluster() {
        return Optional.ofNullable(clusterView);
    }

    @Override
    public String agentName() {
        return agent;
    }

    @Override
    public String clusterName() {
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        selfWatch.close();
        heartbeats.close();
        if (started) {
            engine.close();
        }
        dispatcher.close();
        defaultDispatcher.close(); // a decorator may have replaced it; closing it again does nothing
        MonitorAlerters.closeDropped(config, MonitorConfig.of(List.of()));
        if (ownsScheduler) {
            scheduler.close();
        }
        if (ownsClient && started) {
            client.close();
        }
        synchronized (primedSignal) {
            primedSignal.notifyAll();
        }
    }

    // ---- engine events ----

    @Override
    public void transition(Transition t) {
        dispatcher.accept(t);
        tellListeners(l -> l.onTransition(t));
    }

    @Override
    public void updated(PathStatus s) {
        tellListeners(l -> l.onUpdate(s));
    }

    @Override
    public void removed(PathSpec spec, String reason) {
        dispatcher.pathRemoved(spec.path(), "No longer monitored: " + reason);
        tellListeners(l -> l.onPathRemoved(spec, reason));
    }

    @Override
    public void connection(boolean connected) {
        tellListeners(l -> l.onConnectionChange(connected));
    }

    @Override
    public void server(ServerInfo server) {
        tellListeners(l -> l.onServer(server));
    }

    @Override
    public void primed() {
        synchronized (primedSignal) {
            primedSignal.notifyAll();
        }
        dispatcher.primed();
        tellListeners(MonitorListener::onPrimed);
    }

    /** Tells every listener; one that fails is logged and does not keep the others from hearing. */
    private void tellListeners(Consumer<MonitorListener> call) {
        for (MonitorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("A monitor listener failed", e);
            }
        }
    }
}
