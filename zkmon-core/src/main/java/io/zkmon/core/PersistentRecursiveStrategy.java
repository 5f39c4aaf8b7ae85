package io.zkmon.core;

import io.zkmon.core.spec.PathPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WatchStrategy} for ZooKeeper 3.6 and later, for one session. Persistent recursive watches at the roots of
 * a {@link WatchPlan}: nothing is lost between a fire and a re-arm, and a child's NodeCreated/NodeDeleted names the
 * child, so a membership change costs no read at all. Reads go through a {@link ReadBatcher} as pipelined read-only
 * {@code multi} batches; ZooKeeper answers them in order with watch events, as {@link NodeReader} requires.
 *
 * <p>Its methods run under the engine's lock; its watcher and callbacks on ZooKeeper's event thread. The set of
 * roots whose watch the server confirmed is guarded by this object's monitor, never held while calling the engine.
 */
final class PersistentRecursiveStrategy implements WatchStrategy, Watcher {

    // the engine's parts log as the engine: the daemon's log reads as it always has
    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    private static final AsyncCallback.VoidCallback REMOVED = (rc, path, ctx) -> {
        if (rc != Code.OK.intValue()) {
            LOG.debug("Could not remove the watch on {}: {}", path, Code.get(rc));
        }
    };

    private final ZooKeeper zk;
    private final ReadBatcher batcher;
    private final Events events;
    private Targets targets;
    private List<String> roots = List.of();
    private final Set<String> confirmedRoots = new HashSet<>();
    private volatile boolean closed;

    PersistentRecursiveStrategy(ZooKeeper zk, ReadBatcher batcher, Events events) {
        this.zk = zk;
        this.batcher = batcher;
        this.events = events;
    }

    @Override
    public String name() {
        return "persistent-recursive";
    }

    @Override
    public ServerInfo.WatchMode mode() {
        return ServerInfo.WatchMode.PERSISTENT;
    }

    @Override
    public synchronized void watch(Targets next) {
        if (next != targets) {
            List<String> nextRoots = WatchPlan.roots(next.paths(), prefixes(next.globs()));
            Set<String> keep = new HashSet<>(nextRoots);
            for (String r : roots) {
                if (!keep.contains(r)) {
                    confirmedRoots.remove(r);
                    zk.removeWatches(r, this, WatcherType.Any, true, REMOVED, null);
                }
            }
            roots = nextRoots;
            targets = next;
        }
        for (String root : roots) {
            if (!confirmedRoots.contains(root)) {
                zk.addWatch(root, this, AddWatchMode.PERSISTENT_RECURSIVE, (rc, path, ctx) -> watched(root, rc), null);
            }
        }
    }

    private synchronized void watched(String root, int rc) {
        if (rc == Code.OK.intValue()) {
            confirmedRoots.add(root);
        } else {
            LOG.warn("Could not watch {}: {}", root, Code.get(rc));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        // local: the watch goes from this client even when the server cannot be told (a lost connection, or a 3.4
        // server, which closes the connection on a removeWatches it does not know, so that the reconnect that follows
        // does not ask it to restore persistent watches)
        for (String root : roots) {
            zk.removeWatches(root, this, WatcherType.Any, true, REMOVED, null);
        }
    }

    @Override
    public void process(WatchedEvent event) {
        if (WatchStrategy.connectionEvent(event, events, LOG)) {
            return;
        }
        String raw = event.getPath();
        if (raw == null || closed) {
            return;
        }
        switch (event.getType()) {
            case NodeCreated -> events.changed(raw, Change.CREATED);
            case NodeDeleted -> events.changed(raw, Change.DELETED);
            case NodeDataChanged -> events.changed(raw, Change.DATA_CHANGED);
            case NodeChildrenChanged -> events.changed(raw, Change.CHILDREN_CHANGED); // never sent to a recursive watch
            default -> LOG.debug("Watch event {} of {} needs nothing", event.getType(), raw);
        }
    }

    // ---- reads ----

    @Override
    public <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback) {
        batcher.readNodes(zk, batch, callback);
    }

    @Override
    public void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback) {
        batcher.readChildrenData(zk, rawParent, children, callback);
    }

    @Override
    public void readData(String rawPath, DataCallback callback) {
        batcher.readData(zk, rawPath, callback);
    }

    @Override
    public void listChildren(String rawPath, ChildrenCallback callback) {
        batcher.listChildren(zk, rawPath, callback);
    }

    private static List<String> prefixes(List<PathPattern> globs) {
        List<String> out = new ArrayList<>();
        globs.forEach(g -> out.add(g.literalPrefix()));
        return out;
    }
}
