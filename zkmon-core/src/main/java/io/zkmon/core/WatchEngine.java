package io.zkmon.core;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.ComplianceEvaluator;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.NodeSnapshot;
import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every configured znode through one ZooKeeper session and keeps each path's state in memory.
 *
 * <p>How it stays correct and cheap:
 * <ul>
 *   <li>Persistent recursive watches ({@link WatchPlan}): nothing is lost between a fire and a re-arm, and a child's
 *       NodeCreated/NodeDeleted names the child, so a membership change costs no read at all.</li>
 *   <li>Reads are pipelined read-only {@code multi} batches ({@link ReadBatcher}); ZooKeeper answers them in order
 *       with watch events, so a read's answer already reflects every event delivered before it and events for a path
 *       whose read is in flight can be ignored.</li>
 *   <li>Our own watcher sees connection events in order with data events: on a disconnect every path becomes
 *       {@code UNKNOWN} at once; on reconnect (or a new session, told by Curator) every path is read again.</li>
 * </ul>
 * All mutation happens under this object's lock (the ZooKeeper event thread, Curator's state thread and the
 * scheduler take it); readers use each entry's published immutable {@link PathStatus}.
 */
final class WatchEngine implements Watcher, ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    /** What the engine reports. Called under the engine's lock: implementations must be quick and must not block. */
    interface Listener {
        void transition(Transition t);

        void updated(PathStatus s);

        void removed(PathSpec spec, String reason);

        void connection(boolean connected);

        void primed();
    }

    private record Glob(PathPattern rawPattern, PathSpec spec) {
    }

    private final CuratorFramework client;
    private final String namespace;
    private final Scheduler scheduler;
    private final Listener listener;
    private final ReadBatcher reads;

    private final Map<String, PathEntry> entries = new ConcurrentHashMap<>();
    /** Paths per state (OK, ERROR, UNKNOWN), kept as states change so summaries cost nothing. */
    private final java.util.concurrent.atomic.AtomicIntegerArray stateCounts = new java.util.concurrent.atomic.AtomicIntegerArray(3);
    private boolean orderDirty;
    private volatile long generation;
    private Scheduler.Task orderTask;
    private volatile PathEntry[] sorted = new PathEntry[0];
    private List<Glob> globs = List.of();
    private List<String> roots = List.of();
    private final Set<String> confirmedRoots = new HashSet<>();
    private ZooKeeper handle;
    private long sessionId;
    private volatile boolean connected;
    private volatile boolean primed;
    private volatile long stateSince;
    private long epoch;
    private int pendingReads;
    private long primeStartNanos;
    private boolean periodicResync;
    private boolean closed;
    private boolean ageRules;
    private Duration resyncInterval = Duration.ZERO;
    private Scheduler.Task resyncTask;
    private Scheduler.Task ageTask;

    WatchEngine(CuratorFramework client, Scheduler scheduler, Listener listener) {
        this.client = client;
        this.namespace = client.getNamespace();
        this.scheduler = scheduler;
        this.listener = listener;
        this.reads = new ReadBatcher(this);
        this.stateSince = scheduler.now().toEpochMilli();
    }

    // ---- lifecycle ----

    synchronized void start(List<PathSpec> specs, Duration resync) {
        this.resyncInterval = resync;
        configure(specs);
        client.getConnectionStateListenable().addListener(this);
        if (client.getZookeeperClient().isConnected()) {
            resync(false);
        }
        schedulePeriodic();
    }

    synchronized void close() {
        closed = true;
        client.getConnectionStateListenable().removeListener(this);
        cancelTasks();
        ZooKeeper zk = handle;
        if (zk != null && connected) {
            for (String root : roots) {
                zk.removeWatches(root, this, WatcherType.Any, true, (rc, path, ctx) -> { }, null);
            }
        }
    }

    synchronized void reload(List<PathSpec> specs, Duration resync) {
        this.resyncInterval = resync;
        List<String> oldRoots = roots;
        Set<String> oldGlobs = new HashSet<>();
        globs.forEach(g -> oldGlobs.add(g.rawPattern.glob()));
        Map<String, PathEntry> before = new HashMap<>(entries);
        configure(specs);
        for (PathEntry gone : before.values()) {
            if (entries.get(gone.rawPath) != gone) {
                listener.removed(gone.spec, "removed from config");
            }
        }
        if (connected && handle != null) {
            for (String r : oldRoots) {
                if (!roots.contains(r)) {
                    confirmedRoots.remove(r);
                    handle.removeWatches(r, this, WatcherType.Any, true, (rc, path, ctx) -> { }, null);
                }
            }
            addWatches(handle);
            List<PathEntry> toRead = new ArrayList<>();
            for (PathEntry e : entries.values()) {
                if (before.get(e.rawPath) != e || e.status.state() == io.zkmon.core.spec.State.UNKNOWN) {
                    toRead.add(e);
                }
            }
            read(toRead, false);
            for (Glob g : globs) {
                if (!oldGlobs.contains(g.rawPattern.glob())) {
                    walk(g, g.rawPattern.literalPrefix()); // an old glob's matches are known and kept up by the watch
                }
            }
        }
        cancelTasks();
        schedulePeriodic();
    }

    /** Builds entries for concrete specs and remembers globs; keeps entries whose path is still configured. */
    private void configure(List<PathSpec> specs) {
        Map<String, PathSpec> concrete = new HashMap<>();
        List<Glob> nextGlobs = new ArrayList<>();
        for (PathSpec s : specs) {
            if (s.isGlob()) {
                nextGlobs.add(new Glob(PathPattern.compile(raw(s.path())), s));
            } else {
                concrete.put(raw(s.path()), s);
            }
        }
        globs = nextGlobs;
        ageRules = false;
        for (PathSpec spec : specs) {
            ageRules |= hasAgeRule(spec);
        }
        for (PathEntry e : List.copyOf(entries.values())) {
            PathSpec keep = concrete.get(e.rawPath);
            if (keep == null && e.glob != null) {
                Glob g = globFor(e.rawPath);
                keep = g == null ? null : g.spec.withPath(e.spec.path());
            }
            if (keep == null) {
                uncount(entries.remove(e.rawPath));
            } else if (!keep.equals(e.spec)) {
                boolean sameReads = keep.needsData() == e.spec.needsData() && java.util.Objects.equals(keep.childFilter(), e.spec.childFilter());
                if (sameReads) {
                    e.spec = keep;
                    evaluate(e, e.status.exists(), childrenOf(e), List.of(), List.of());
                } else {
                    uncount(entries.remove(e.rawPath)); // re-created below and read afresh
                }
            }
        }
        long now = scheduler.now().toEpochMilli();
        for (Map.Entry<String, PathSpec> c : concrete.entrySet()) {
            entries.computeIfAbsent(c.getKey(), raw -> counted(newEntry(raw, c.getValue(), null, now)));
        }
        List<String> rawGlobPrefixes = new ArrayList<>();
        globs.forEach(g -> rawGlobPrefixes.add(g.rawPattern.literalPrefix()));
        roots = WatchPlan.roots(concrete.keySet(), rawGlobPrefixes);
        republishOrder();
    }

    private PathEntry newEntry(String raw, PathSpec spec, String glob, long now) {
        Compliance unknown = Compliance.unknown(connected ? "Not read yet" : "No information: not connected to ZooKeeper yet");
        return new PathEntry(raw, spec, glob, new PathStatus(spec, unknown, false, PathEntry.NONE, now, now));
    }

    private void schedulePeriodic() {
        scheduleResync();
        scheduleAgeSweep();
    }

    /** Every resync interval, re-read every path to catch what a watch could not report. */
    private void scheduleResync() {
        if (resyncInterval.isZero() || closed) {
            return;
        }
        resyncTask = scheduler.schedule(resyncInterval, () -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (connected && pendingReads == 0) {
                    LOG.debug("Periodic resync of {} paths", entries.size());
                    periodicResync = true;
                    resync(true);
                }
                scheduleResync();
            }
        });
    }

    /** Age rules turn false with time alone: re-evaluate the paths that have one every second. */
    private void scheduleAgeSweep() {
        if (!ageRules || closed || ageTask != null) {
            return;
        }
        ageTask = scheduler.schedule(Duration.ofSeconds(1), () -> {
            synchronized (this) {
                ageTask = null;
                if (closed) {
                    return;
                }
                if (connected) {
                    for (PathEntry e : sorted) {
                        if (hasAgeRule(e.spec) && !e.readPending && e.status.state() != io.zkmon.core.spec.State.UNKNOWN) {
                            evaluate(e, e.status.exists(), childrenOf(e), List.of(), List.of());
                        }
                    }
                }
                scheduleAgeSweep();
            }
        });
    }

    private static boolean hasAgeRule(PathSpec s) {
        for (io.zkmon.core.spec.Rule r : s.rules()) {
            if (r instanceof DataMaxAgeRule) {
                return true;
            }
        }
        return false;
    }

    private void cancelTasks() {
        if (resyncTask != null) {
            resyncTask.cancel();
            resyncTask = null;
        }
        if (ageTask != null) {
            ageTask.cancel();
            ageTask = null;
        }
    }

    // ---- connection ----

    @Override
    public void stateChanged(CuratorFramework c, ConnectionState state) {
        synchronized (this) {
            if (state.isConnected()) {
                resync(false);
            } else {
                disconnected();
            }
        }
    }

    /** Reads every path again; on a new session first registers the watches. */
    private void resync(boolean force) {
        if (closed) {
            return;
        }
        ZooKeeper zk;
        try {
            zk = client.getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            return;
        }
        if (zk == null || !zk.getState().isConnected()) {
            return;
        }
        boolean newSession = zk != handle || zk.getSessionId() != sessionId;
        if (connected && !newSession && !force) {
            return;
        }
        if (newSession) {
            confirmedRoots.clear();
            handle = zk;
            sessionId = zk.getSessionId();
        }
        if (!connected) {
            connected = true;
            generation++;
            stateSince = scheduler.now().toEpochMilli();
            LOG.info("Connected to ZooKeeper (session 0x{}); reading {} paths", Long.toHexString(sessionId), entries.size());
            listener.connection(true);
        }
        epoch++;
        pendingReads = 0;
        primeStartNanos = System.nanoTime();
        addWatches(zk);
        read(entries.values(), periodicResync);
        periodicResync = false;
        walkGlobs();
        checkPrimed();
    }

    private void addWatches(ZooKeeper zk) {
        for (String root : roots) {
            if (!confirmedRoots.contains(root)) {
                zk.addWatch(root, this, AddWatchMode.PERSISTENT_RECURSIVE, (rc, path, ctx) -> {
                    synchronized (this) {
                        if (rc == Code.OK.intValue() && ctx == handle) {
                            confirmedRoots.add(root);
                        } else if (rc != Code.OK.intValue()) {
                            LOG.warn("Could not watch {}: {}", root, Code.get(rc));
                        }
                    }
                }, zk);
            }
        }
    }

    private void disconnected() {
        if (!connected || closed) {
            return;
        }
        connected = false;
        primed = false;
        generation++;
        Instant now = scheduler.now();
        stateSince = now.toEpochMilli();
        LOG.warn("Lost connection to ZooKeeper; every path is Unknown until it is back");
        Compliance unknown = Compliance.unknown("No information: ZooKeeper disconnected since " + now);
        for (PathEntry e : sorted) {
            if (entries.get(e.rawPath) == e) {
                setCompliance(e, unknown, e.status.exists(), childrenOf(e), List.of(), List.of(), now.toEpochMilli());
            }
        }
        listener.connection(false);
    }

    boolean connected() {
        return connected;
    }

    boolean primed() {
        return primed;
    }

    Instant stateSince() {
        return Instant.ofEpochMilli(stateSince);
    }

    // ---- reads ----

    private void read(Iterable<PathEntry> list, boolean periodic) {
        List<PathEntry> batch = new ArrayList<>();
        for (PathEntry e : list) {
            e.readPending = true;
            e.clearDeferred();
            pendingReads++;
            batch.add(e);
        }
        reads.readNodes(handle, epoch, batch, periodic);
    }

    /** Called by {@link ReadBatcher} when a batch of node reads fails as a whole (connection loss): nothing to do but wait. */
    synchronized void batchFailed(long batchEpoch, int size, Code code) {
        if (batchEpoch == epoch && code != Code.CONNECTIONLOSS && code != Code.SESSIONEXPIRED) {
            LOG.warn("A read of {} paths failed: {}; they stay Unknown until the next resync", size, code);
        }
    }

    /** The answers of a batch of node reads, in the order of the batch (getChildren, then getData where needed). */
    synchronized void nodesRead(long batchEpoch, List<PathEntry> batch, List<OpResult> results, boolean periodic) {
        if (batchEpoch != epoch || closed) {
            return;
        }
        int i = 0;
        for (PathEntry e : batch) {
            OpResult children = results.get(i++);
            OpResult data = e.spec.needsData() ? results.get(i++) : null;
            if (children instanceof OpResult.GetChildrenResult c) {
                OpResult.GetDataResult d = data instanceof OpResult.GetDataResult dr ? dr : null;
                nodeRead(e, c.getChildren(), d == null ? null : d.getData(), d == null ? 0 : d.getStat().getMtime(), null, periodic);
            } else {
                Code code = Code.get(((OpResult.ErrorResult) children).getErr());
                nodeRead(e, null, null, 0, code == Code.NONODE ? null : code, periodic);
            }
        }
        checkPrimed();
    }

    /** The answer of a node read: children (null when the node does not exist), data and mtime when read. */
    private void nodeRead(PathEntry e, List<String> childList, byte[] data, long mtime, Code error, boolean periodic) {
        if (entries.get(e.rawPath) != e || !e.readPending) {
            return;
        }
        e.readPending = false;
        pendingReads--;
        if (error != null) {
            LOG.warn("Cannot read {}: {}", e.spec.path(), error);
            setCompliance(e, Compliance.unknown("Cannot read the node: " + error), false, PathEntry.NONE, List.of(), List.of(),
                    scheduler.now().toEpochMilli());
            return;
        }
        boolean exists = childList != null;
        if (!exists && e.glob != null && !e.spec.requiresExistence()) {
            removeEntry(e, "node deleted");
            return;
        }
        String[] next = exists ? sortedArray(childList) : PathEntry.NONE;
        String[] prev = childrenOf(e);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        diff(prev, next, added, removed);
        if (periodic && (!added.isEmpty() || !removed.isEmpty())) {
            LOG.info("Resync of {} found a change: +{} -{}", e.spec.path(), added, removed);
        }
        e.data = exists ? data : null;
        e.mtime = exists ? mtime : 0;
        if (e.filter() != null && exists && next.length > 0) {
            // count matching children only once their data is known, so a half-read path never looks out of spec
            e.matching = keepOnly(e.matching, next);
            pendingReads++;
            e.inflight++;
            publishChildren(e, next);
            reads.readChildData(handle, epoch, e, next, added, removed);
        } else {
            if (e.filter() != null) {
                e.matching = PathEntry.NONE;
            }
            evaluate(e, exists, next, added, removed);
        }
    }

    /** The answer of the data reads of all children of a filtered path: which match. */
    synchronized void childDataRead(long batchEpoch, PathEntry e, Map<String, byte[]> dataByChild, List<String> added, List<String> removed) {
        if (batchEpoch != epoch || closed || entries.get(e.rawPath) != e) {
            return;
        }
        pendingReads--;
        e.inflight--;
        if (dataByChild == null) {
            LOG.warn("Could not read the children's data of {}", e.spec.path());
            setCompliance(e, Compliance.unknown("Cannot read the children's data"), e.status.exists(), childrenOf(e), added, removed,
                    scheduler.now().toEpochMilli());
            checkPrimed();
            return;
        }
        String[] children = childrenOf(e);
        List<String> match = new ArrayList<>();
        for (String c : children) {
            byte[] d = dataByChild.get(c);
            if (d != null && e.filter().matches(d)) {
                match.add(c);
            } else if (d == null && Arrays.binarySearch(e.matching, c) >= 0) {
                match.add(c); // created after the read was sent: its own read decides
            }
        }
        e.matching = sortedArray(match);
        e.defer(added, removed);
        evaluateIfSettled(e);
        checkPrimed();
    }

    /** The answer of one child's data read (after a create or data change event). */
    synchronized void oneChildDataRead(ZooKeeper zk, PathEntry e, String child, byte[] data) {
        if (zk != handle || closed || entries.get(e.rawPath) != e || e.readPending) {
            return;
        }
        e.inflight--;
        String[] children = childrenOf(e);
        if (Arrays.binarySearch(children, child) >= 0) {
            boolean matches = data != null && e.filter().matches(data);
            boolean was = Arrays.binarySearch(e.matching, child) >= 0;
            if (matches != was) {
                e.matching = matches ? insert(e.matching, child) : delete(e.matching, child);
            }
        }
        evaluateIfSettled(e);
    }

    /** The answer of a node's own data read (after a create or data change event). */
    synchronized void ownDataRead(ZooKeeper zk, PathEntry e, byte[] data, long mtime, boolean exists) {
        if (zk != handle || closed || entries.get(e.rawPath) != e || e.readPending) {
            return;
        }
        e.inflight--;
        e.data = exists ? data : null;
        e.mtime = exists ? mtime : 0;
        if (exists != e.status.exists()) {
            publishExists(e, exists);
        }
        evaluateIfSettled(e);
    }

    private void evaluateIfSettled(PathEntry e) {
        if (e.inflight > 0) {
            return;
        }
        List<String> added = e.deferredAdded == null ? List.of() : e.deferredAdded;
        List<String> removed = e.deferredRemoved == null ? List.of() : e.deferredRemoved;
        e.deferredAdded = null;
        e.deferredRemoved = null;
        evaluate(e, e.status.exists(), childrenOf(e), added, removed);
    }

    private void walkGlobs() {
        for (Glob g : globs) {
            walk(g, g.rawPattern.literalPrefix());
        }
    }

    private void walk(Glob g, String rawPath) {
        pendingReads++;
        long walkEpoch = epoch;
        handle.getChildren(rawPath, false, (rc, path, ctx, children) -> {
            synchronized (this) {
                if (walkEpoch != epoch || closed) {
                    return;
                }
                pendingReads--;
                if (rc == Code.OK.intValue()) {
                    for (String c : children) {
                        String full = ZkPaths.child(rawPath, c);
                        if (g.rawPattern.matches(full)) {
                            addGlobMatch(full);
                        }
                        if (g.rawPattern.couldMatchBelow(full)) {
                            walk(g, full);
                        }
                    }
                } else if (rc != Code.NONODE.intValue()) {
                    LOG.warn("Cannot list {} for glob {}: {}", display(rawPath), g.spec.path(), Code.get(rc));
                }
                checkPrimed();
            }
        }, null);
    }

    private void addGlobMatch(String raw) {
        if (entries.containsKey(raw)) {
            return;
        }
        Glob g = globFor(raw);
        if (g == null) {
            return;
        }
        PathEntry e = counted(newEntry(raw, g.spec.withPath(display(raw)), g.spec.path(), scheduler.now().toEpochMilli()));
        entries.put(raw, e);
        orderChanged();
        if (primed) {
            LOG.info("Now watching {} (matches {})", e.spec.path(), g.spec.path());
        } else {
            LOG.debug("Now watching {} (matches {})", e.spec.path(), g.spec.path());
        }
        read(List.of(e), false);
    }

    private Glob globFor(String raw) {
        for (Glob g : globs) {
            if (g.rawPattern.matches(raw)) {
                return g;
            }
        }
        return null;
    }

    private void removeEntry(PathEntry e, String reason) {
        uncount(entries.remove(e.rawPath));
        orderChanged();
        LOG.info("No longer watching {}: {}", e.spec.path(), reason);
        listener.removed(e.spec, reason);
    }

    private void checkPrimed() {
        if (!primed && connected && pendingReads == 0) {
            if (orderDirty) {
                republishOrder();
            }
            primed = true;
            generation++;
            LOG.info("Read {} paths in {} ms", entries.size(), (System.nanoTime() - primeStartNanos) / 1_000_000);
            listener.primed();
        }
    }

    // ---- events ----

    @Override
    public void process(WatchedEvent event) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (event.getType() == Event.EventType.None) {
                switch (event.getState()) {
                    case SyncConnected, ConnectedReadOnly -> resync(false);
                    case Disconnected, Expired, Closed, AuthFailed -> disconnected();
                    default -> { }
                }
                return;
            }
            String raw = event.getPath();
            if (raw == null || !connected) {
                return;
            }
            Event.EventType type = event.getType();
            if (!globs.isEmpty() && type == Event.EventType.NodeCreated && !entries.containsKey(raw)) {
                addGlobMatch(raw);
            }
            PathEntry self = entries.get(raw);
            if (self != null && !self.readPending) {
                onOwnEvent(self, type);
            }
            String parentPath = ZkPaths.parent(raw);
            PathEntry parent = raw.equals("/") ? null : entries.get(parentPath);
            if (parent != null && !parent.readPending) {
                onChildEvent(parent, ZkPaths.name(raw), type);
            }
        }
    }

    private void onOwnEvent(PathEntry e, Event.EventType type) {
        switch (type) {
            case NodeCreated -> {
                if (e.spec.needsData()) {
                    e.inflight++;
                    publishExists(e, true);
                    reads.readOwnData(handle, e);
                } else {
                    evaluate(e, true, PathEntry.NONE, List.of(), List.of());
                }
            }
            case NodeDeleted -> {
                if (e.glob != null && !e.spec.requiresExistence()) {
                    removeEntry(e, "node deleted");
                    return;
                }
                e.data = null;
                e.mtime = 0;
                String[] prev = childrenOf(e);
                if (e.filter() != null) {
                    e.matching = PathEntry.NONE;
                }
                evaluate(e, false, PathEntry.NONE, List.of(), Arrays.asList(prev));
            }
            case NodeDataChanged -> {
                if (e.spec.needsData()) {
                    e.inflight++;
                    reads.readOwnData(handle, e);
                }
            }
            default -> { }
        }
    }

    private void onChildEvent(PathEntry e, String child, Event.EventType type) {
        String[] children = childrenOf(e);
        switch (type) {
            case NodeCreated -> {
                if (Arrays.binarySearch(children, child) >= 0) {
                    return;
                }
                String[] next = insert(children, child);
                if (e.filter() != null) {
                    e.inflight++;
                    e.defer(List.of(child), List.of());
                    publishChildren(e, next);
                    reads.readChildData(handle, e, child);
                } else {
                    evaluate(e, true, next, List.of(child), List.of());
                }
            }
            case NodeDeleted -> {
                if (Arrays.binarySearch(children, child) < 0) {
                    return;
                }
                if (e.filter() != null) {
                    e.matching = delete(e.matching, child);
                }
                evaluate(e, true, delete(children, child), List.of(), List.of(child));
            }
            case NodeDataChanged -> {
                if (e.filter() != null && Arrays.binarySearch(children, child) >= 0) {
                    e.inflight++;
                    reads.readChildData(handle, e, child);
                }
            }
            default -> { }
        }
    }

    // ---- evaluation ----

    private void evaluate(PathEntry e, boolean exists, String[] children, List<String> added, List<String> removed) {
        if (!connected) {
            return;
        }
        if (e.inflight > 0) {
            // a read this evaluation needs is in flight: show the membership now, judge it when the read is back
            e.defer(added, removed);
            PathStatus prev = e.status;
            publish(e, new PathStatus(e.spec, prev.compliance(), exists, children, prev.since().toEpochMilli(), scheduler.now().toEpochMilli()));
            return;
        }
        long now = scheduler.now().toEpochMilli();
        NodeSnapshot snap = exists
                ? NodeSnapshot.of(children, e.filter() == null ? -1 : e.matching.length, e.data, e.mtime)
                : NodeSnapshot.missing();
        Compliance c = ComplianceEvaluator.evaluate(e.spec, snap, now);
        setCompliance(e, c, exists, children, added, removed, now);
    }

    private void setCompliance(PathEntry e, Compliance c, boolean exists, String[] children, List<String> added, List<String> removed, long now) {
        PathStatus prev = e.status;
        boolean changed = !c.equals(prev.compliance()) || !prev.spec().equals(e.spec);
        boolean stateChanged = c.state() != prev.state();
        if (stateChanged) {
            stateCounts.decrementAndGet(prev.state().ordinal());
            stateCounts.incrementAndGet(c.state().ordinal());
        }
        boolean childrenChanged = children != childrenOf(e) || exists != prev.exists();
        if (!changed && !childrenChanged) {
            return;
        }
        PathStatus next = new PathStatus(e.spec, c, exists, children, stateChanged ? now : prev.since().toEpochMilli(), now);
        publish(e, next);
        if (changed && !c.equals(prev.compliance())) {
            listener.transition(new Transition(e.spec, prev.compliance(), c, children.length, added, removed, Instant.ofEpochMilli(now)));
        } else {
            listener.updated(next);
        }
    }

    /** Every change anyone can see bumps the generation, so readers can cache what they render from it. */
    private void publish(PathEntry e, PathStatus next) {
        e.status = next;
        generation++;
    }

    /** Changes with every visible change of a path, the connection or the set of paths. */
    long generation() {
        return generation;
    }

    private void publishExists(PathEntry e, boolean exists) {
        PathStatus prev = e.status;
        publish(e, new PathStatus(e.spec, prev.compliance(), exists, exists ? prev.childrenArray() : PathEntry.NONE,
                prev.since().toEpochMilli(), scheduler.now().toEpochMilli()));
    }

    private void publishChildren(PathEntry e, String[] children) {
        PathStatus prev = e.status;
        publish(e, new PathStatus(e.spec, prev.compliance(), true, children, prev.since().toEpochMilli(), scheduler.now().toEpochMilli()));
    }

    // ---- reading state ----

    /** Statuses of every watched path, sorted by path. Reads memory only. */
    List<PathStatus> statuses() {
        PathEntry[] snapshot = sorted;
        return new java.util.AbstractList<>() {
            @Override
            public PathStatus get(int index) {
                return snapshot[index].status;
            }

            @Override
            public int size() {
                return snapshot.length;
            }
        };
    }

    PathStatus status(String path) {
        PathEntry e = entries.get(raw(path));
        return e == null ? null : e.status;
    }

    int size() {
        return entries.size();
    }

    private PathEntry counted(PathEntry e) {
        stateCounts.incrementAndGet(e.status.state().ordinal());
        return e;
    }

    private void uncount(PathEntry e) {
        if (e != null) {
            stateCounts.decrementAndGet(e.status.state().ordinal());
        }
    }

    /** Paths came or went: re-sort the published order soon, once for a whole burst (a glob's first walk, say). */
    private void orderChanged() {
        orderDirty = true;
        if (orderTask == null && !closed) {
            orderTask = scheduler.schedule(Duration.ofMillis(50), () -> {
                synchronized (this) {
                    orderTask = null;
                    if (orderDirty) {
                        republishOrder();
                    }
                }
            });
        }
    }

    /** Paths in each state: OK, ERROR, UNKNOWN. */
    int[] stateCounts() {
        return new int[] {stateCounts.get(0), stateCounts.get(1), stateCounts.get(2)};
    }

    private void republishOrder() {
        orderDirty = false;
        generation++;
        PathEntry[] arr = entries.values().toArray(new PathEntry[0]);
        Arrays.sort(arr, (a, b) -> a.spec.path().compareTo(b.spec.path()));
        sorted = arr;
    }

    private static String[] childrenOf(PathEntry e) {
        return e.status.childrenArray();
    }

    private String raw(String path) {
        return ZkPaths.withNamespace(namespace, path);
    }

    private String display(String raw) {
        if (namespace == null || namespace.isEmpty()) {
            return raw;
        }
        String ns = ZkPaths.withNamespace(namespace, "/");
        return raw.length() == ns.length() ? "/" : raw.substring(ns.length());
    }

    // ---- small sorted-array sets ----

    static String[] sortedArray(List<String> list) {
        if (list.isEmpty()) {
            return PathEntry.NONE;
        }
        String[] a = list.toArray(new String[0]);
        Arrays.sort(a);
        return a;
    }

    static String[] insert(String[] a, String s) {
        int i = Arrays.binarySearch(a, s);
        if (i >= 0) {
            return a;
        }
        int at = -i - 1;
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = s;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    static String[] delete(String[] a, String s) {
        int i = Arrays.binarySearch(a, s);
        if (i < 0) {
            return a;
        }
        if (a.length == 1) {
            return PathEntry.NONE;
        }
        String[] b = new String[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
    }

    private static String[] keepOnly(String[] a, String[] allowed) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (Arrays.binarySearch(allowed, s) >= 0) {
                out.add(s);
            }
        }
        return out.size() == a.length ? a : out.toArray(new String[0]);
    }

    static void diff(String[] prev, String[] next, List<String> added, List<String> removed) {
        int i = 0;
        int j = 0;
        while (i < prev.length || j < next.length) {
            int cmp = i == prev.length ? 1 : j == next.length ? -1 : prev[i].compareTo(next[j]);
            if (cmp == 0) {
                i++;
                j++;
            } else if (cmp < 0) {
                removed.add(prev[i++]);
            } else {
                added.add(next[j++]);
            }
        }
    }
}
