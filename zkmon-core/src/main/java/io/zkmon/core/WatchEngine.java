package io.zkmon.core;

import io.zkmon.core.WatchStrategy.Change;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every configured znode through one ZooKeeper session at a time and keeps each path's state in memory.
 * It owns the lifecycle (start, reload, close), the connection (a new session gets a strategy from the
 * {@link WatchStrategy.Selector}; a disconnect makes every path Unknown; a reconnect reads every path again) and
 * priming, and composes the parts that do the rest:
 * <ul>
 *   <li>{@link PathTable}: the published model (entries, per-state counts, sorted order, generation);</li>
 *   <li>{@link OutstandingReads}: every read in flight and whether its answer is stale;</li>
 *   <li>{@link EntryUpdater} and {@link EntryEvaluator}: what events and answers mean for a path, without
 *       ZooKeeper;</li>
 *   <li>{@link SpecApplier}: a configuration into entries; {@link GlobExpander}: globs into entries;
 *       {@link PeriodicChecks}: resync and the data-age sweep;</li>
 *   <li>{@link WatchStrategy} (today {@link PersistentRecursiveStrategy} with its {@link ReadBatcher}), reached
 *       through the {@link StrategyGate}: how changes are heard of and nodes read.</li>
 * </ul>
 * All mutation happens under this object's lock, which ZooKeeper's event thread, Curator's connection thread and the
 * engine's scheduler take; readers use the table's published, immutable {@link PathStatus}es without a lock.
 */
final class WatchEngine implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    private final CuratorFramework client;
    private final String namespace;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final EngineListener listener;
    private final WatchStrategy.Selector selector;
    private final ServerDetection detection;
    private final PathTable table;
    private final OutstandingReads reads = new OutstandingReads();
    private final StrategyGate gate;
    private final EntryEvaluator evaluator;
    private final EntryUpdater updater;
    private final GlobExpander globs;
    private final PeriodicChecks periodic;
    private final SpecApplier specApplier;

    private WatchStrategy.Targets targets;
    private SessionEvents session;
    private ZooKeeper handle;
    private long sessionId;
    private volatile boolean primed;
    private volatile long stateSince;
    private long primeStartNanos;
    private boolean closed;
    private boolean ageRules;

    /**
     * An engine with a timer thread of its own ({@code zkmon-engine}, system clock), closed with the engine. Its
     * timer tasks hold the engine's lock (re-sorting 100,000 paths, starting a resync of all of them), so on a
     * shared thread they would hold up the dispatcher's decisions, and the dispatcher's tasks the resync.
     */
    static WatchEngine withOwnTimerThread(CuratorFramework client, EngineListener listener, ServerInfo.WatchMode forcedMode) {
        return new WatchEngine(client, Scheduler.system("zkmon-engine"), true, listener, WatchStrategy.byMode(), forcedMode);
    }

    /**
     * @param scheduler      the engine's time and timers (resync, age sweep, re-sort); its tasks take the engine's lock
     * @param ownsScheduler  whether {@link #close()} closes the scheduler
     * @param selector       picks the watch strategy for the mode the server needs
     * @param forcedMode     a mode to use instead of asking the server ({@code PERSISTENT} or {@code ONE_SHOT}), or
     *                       null to ask it at every (re)connect
     */
    WatchEngine(CuratorFramework client, Scheduler scheduler, boolean ownsScheduler, EngineListener listener, WatchStrategy.Selector selector,
                ServerInfo.WatchMode forcedMode) {
        this.detection = new ServerDetection(forcedMode);
        this.client = client;
        this.ownsScheduler = ownsScheduler;
        this.namespace = client.getNamespace();
        this.scheduler = scheduler;
        this.listener = listener;
        this.selector = selector;
        this.table = new PathTable(scheduler, this);
        this.gate = new StrategyGate(this, this::checkPrimed);
        this.evaluator = new EntryEvaluator(table, reads, listener, () -> scheduler.now().toEpochMilli());
        this.updater = new EntryUpdater(table, reads, gate, evaluator, (after, task) -> scheduler.schedule(after, () -> {
            synchronized (this) {
                if (!closed) {
                    task.run();
                }
            }
        }));
        this.globs = new GlobExpander(table, reads, gate, updater, evaluator, namespace, () -> primed);
        this.periodic = new PeriodicChecks(scheduler, this, new PeriodicChecks.Target() {
            @Override
            public void periodicResync() {
                if (!closed && evaluator.connected() && detection.readable() && reads.passSettled()) {
                    LOG.debug("Periodic resync of {} paths", table.size());
                    resync(true, true);
                }
            }

            @Override
            public void sweepAges() {
                if (!closed && evaluator.connected()) {
                    evaluator.sweepAges();
                }
            }

            @Override
            public void pollCounted() {
                WatchStrategy current = gate.current();
                if (!closed && evaluator.connected() && !detection.asking() && current != null && current.mode() == ServerInfo.WatchMode.ONE_SHOT) {
                    updater.pollCounted();
                }
            }
        });
        this.specApplier = new SpecApplier(table, globs, evaluator, namespace);
        this.stateSince = scheduler.now().toEpochMilli();
    }

    // ---- lifecycle ----

    synchronized void start(List<PathSpec> specs, Duration resync) {
        configure(specs);
        client.getConnectionStateListenable().addListener(this);
        if (client.getZookeeperClient().isConnected()) {
            resync(false, false);
        }
        periodic.start(resync, ageRules);
    }

    void close() {
        synchronized (this) {
            closed = true;
            gate.close();
            client.getConnectionStateListenable().removeListener(this);
            periodic.stop();
            table.close();
            if (gate.current() != null && evaluator.connected()) {
                gate.current().close();
            }
        }
        detection.close();
        if (ownsScheduler) {
            scheduler.close(); // outside the lock: a timer task may be waiting for it, and is waited for here
        }
    }

    synchronized void reload(List<PathSpec> specs, Duration resync) {
        Set<String> oldGlobs = globs.texts();
        Map<String, PathEntry> before = table.snapshot();
        configure(specs);
        for (PathEntry gone : before.values()) {
            if (table.get(gone.rawPath) != gone) {
                listener.removed(gone.spec, "removed from config");
            }
        }
        if (detection.refusal() != null) {
            evaluator.refuse(detection.refusal());
        } else if (evaluator.connected() && gate.current() != null && !detection.asking()) {
            gate.current().watch(targets);
            List<PathEntry> toRead = new ArrayList<>();
            for (PathEntry e : table.entries()) {
                if (before.get(e.rawPath) != e || e.status.state() == State.UNKNOWN) {
                    toRead.add(e);
                }
            }
            updater.read(toRead, false);
            globs.walkNew(oldGlobs);
        }
        periodic.start(resync, ageRules);
    }

    private void configure(List<PathSpec> specs) {
        SpecApplier.Applied applied = specApplier.apply(specs);
        targets = applied.targets();
        ageRules = applied.ageRules();
    }

    // ---- connection ----

    @Override
    public void stateChanged(CuratorFramework c, ConnectionState state) {
        synchronized (this) {
            if (state.isConnected()) {
                resync(false, false);
            } else {
                disconnected();
            }
        }
    }

    /**
     * Reads every path again. On a new session, and on a new connection of the same session (it may be to another
     * server of the ensemble), first asks the server what it supports; the reads follow its answer.
     */
    private void resync(boolean force, boolean periodicRead) {
        if (closed) {
            return;
        }
        ZooKeeper zk = zooKeeper();
        if (zk == null || !zk.getState().isConnected()) {
            return;
        }
        boolean newSession = zk != handle || zk.getSessionId() != sessionId;
        if (evaluator.connected() && !newSession && !force) {
            return;
        }
        boolean newConnection = newSession || !evaluator.connected();
        if (newSession) {
            handle = zk;
            sessionId = zk.getSessionId();
            session = null; // the old session's strategy is dropped without a call: its watches died with it
            gate.use(null);
        }
        if (!evaluator.connected()) {
            evaluator.markConnected();
            table.bump();
            stateSince = scheduler.now().toEpochMilli();
            LOG.info("Connected to ZooKeeper (session 0x{}); reading {} paths", Long.toHexString(sessionId), table.size());
            listener.connection(true);
        }
        if (newConnection) {
            reads.newEpoch(); // answers to reads sent before are stale, and nothing is read until the server has told
            detection.ask(zk, (ticket, found) -> serverKnown(ticket, zk, found));
            return;
        }
        if (detection.readable()) {
            readAll(periodicRead);
        }
    }

    /** The server's answer: pick the strategy for it (another one if the mode changed), then read everything. */
    private void serverKnown(long ticket, ZooKeeper zk, ServerProbe.Result found) {
        synchronized (this) {
            ServerInfo info = closed || zk != handle ? null : detection.answered(ticket, zk, found);
            if (info == null) {
                return; // the connection it was asked for is gone; the next one asks again
            }
            listener.server(info);
            WatchStrategy current = gate.current();
            if (detection.refusal() != null) {
                if (current != null) {
                    current.close();
                    gate.use(null);
                    session = null;
                }
                evaluator.refuse(detection.refusal());
                table.bump();
                return;
            }
            if (current == null || current.mode() != info.mode()) {
                if (current != null) {
                    LOG.info("Session 0x{} moves from {} to {} watches", Long.toHexString(sessionId), current.name(), info.mode().label());
                    current.close();
                }
                session = new SessionEvents();
                gate.use(selector.select(zk, session, info));
            }
            readAll(false);
        }
    }

    /** Reads every path in a new epoch, with the current strategy. */
    private void readAll(boolean periodicRead) {
        reads.newEpoch();
        primeStartNanos = System.nanoTime();
        gate.current().watch(targets);
        updater.read(table.entries(), periodicRead);
        globs.walkAll();
        checkPrimed();
    }

    private ZooKeeper zooKeeper() {
        try {
            return client.getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Curator is closed, not started, or could not make its handle: the next connection event tries again
            LOG.warn("Cannot get the ZooKeeper handle to read paths ({}); trying again on the next connection event", e.toString());
            return null;
        }
    }

    private void disconnected() {
        if (!evaluator.connected() || closed) {
            return;
        }
        detection.disconnected();
        primed = false;
        table.bump();
        Instant now = scheduler.now();
        stateSince = now.toEpochMilli();
        LOG.warn("Lost connection to ZooKeeper; every path is Unknown until it is back");
        evaluator.disconnected(now);
        listener.connection(false);
    }

    private void checkPrimed() {
        if (!primed && evaluator.connected() && detection.readable() && gate.current() != null && reads.passSettled()) {
            table.republishOrderIfDirty();
            primed = true;
            table.bump();
            LOG.info("Read {} paths in {} ms", table.size(), (System.nanoTime() - primeStartNanos) / 1_000_000);
            listener.primed();
        }
    }

    /**
     * What the current strategy reports: one per strategy, so that a strategy replaced (a new session, or another
     * mode after a reconnect) is not listened to.
     */
    private final class SessionEvents implements WatchStrategy.Events {
        @Override
        public void connected() {
            synchronized (WatchEngine.this) {
                if (current()) {
                    resync(false, false);
                }
            }
        }

        @Override
        public void disconnected() {
            synchronized (WatchEngine.this) {
                if (current()) {
                    WatchEngine.this.disconnected();
                }
            }
        }

        @Override
        public void changed(String rawPath, Change change) {
            synchronized (WatchEngine.this) {
                if (!current() || !evaluator.connected() || detection.asking()) {
                    return; // while the server is asked what it supports, nothing is read; everything is read after
                }
                if (change == Change.CREATED) {
                    globs.created(rawPath);
                }
                updater.changed(rawPath, change);
                if (change == Change.CHILDREN_CHANGED) {
                    globs.childrenChanged(rawPath);
                }
            }
        }

        private boolean current() {
            return !closed && session == this;
        }
    }

    // ---- reading state (any thread, no lock) ----

    /** The published model: its read methods are for any thread; only the engine writes it. */
    PathTable table() {
        return table;
    }

    boolean connected() {
        return evaluator.connected();
    }

    boolean primed() {
        return primed;
    }

    /** The server connected to and how it is watched; null while not connected or not known yet. */
    ServerInfo server() {
        return detection.server();
    }

    Instant stateSince() {
        return Instant.ofEpochMilli(stateSince);
    }

    PathStatus status(String path) {
        PathEntry e = table.get(raw(path));
        return e == null ? null : e.status;
    }

    private String raw(String path) {
        return ZkPaths.withNamespace(namespace, path);
    }
}
