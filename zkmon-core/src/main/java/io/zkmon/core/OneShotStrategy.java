package io.zkmon.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WatchStrategy} for servers without persistent watches and read-only {@code multi} (ZooKeeper 3.4 and
 * 3.5), for one session. Every read sets a one-shot watch on what it read: {@code getChildren} a child watch,
 * {@code getData} a data watch, {@code exists} a watch for the node's creation when it is missing. A watch that fires
 * is re-armed by the read that follows it, so nothing is lost between a fire and its re-arm: the engine reads a path
 * again after every {@link Change#CHILDREN_CHANGED}, a node's data after every {@link Change#DATA_CHANGED} where a
 * rule needs it, and a glob's listing after every change of the node listed; this strategy re-arms with
 * {@code exists} after the deletion of a watched path, and reports a creation it finds there. Reads are plain async
 * requests, pipelined.
 *
 * <p>A full read of a node is more than one request ({@code getChildren}, {@code getData}, {@code exists} when it
 * is missing), so it is answered once the last of them is back; events of that node and of its children that arrive
 * meanwhile are held and delivered after the answer, since the engine ignores the events of a node whose full read
 * is in flight and the answer may have been read before them. A node found missing is answered only once its
 * {@code exists} watch is set: it may be answered after nodes asked for later.
 *
 * <p>Its methods run under the engine's lock; its watcher and callbacks on ZooKeeper's event thread, one at a time.
 */
final class OneShotStrategy implements WatchStrategy, Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

    private static final AsyncCallback.VoidCallback REMOVED = (rc, path, ctx) -> {
        if (rc != Code.OK.intValue()) {
            LOG.debug("Could not remove the watch on {}: {}", path, Code.get(rc));
        }
    };

    final ZooKeeper zk;
    private final Events events;
    private final boolean canRemoveWatches;
    final ReadSizer sizer;
    private volatile boolean closed;
    private Targets targets;
    /**
     * The watched paths (entries and glob roots), whose deletion this strategy re-arms with {@code exists}: written
     * under the engine's lock, read on ZooKeeper's event thread. A child of an entry is not in it: its parent's child
     * watch sees it come back.
     */
    private volatile Set<String> rearm = ConcurrentHashMap.newKeySet();
    /** The full read of each node whose answer is not delivered yet: its events wait for it. */
    final Map<String, OneShotRead<?>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param canRemoveWatches whether the server has {@code removeWatches} (3.5 and later); 3.4 closes the
     *                         connection on a request it does not know
     * @param sizer            keeps every read under the client's packet limit (shared by the engine's strategies)
     */
    OneShotStrategy(ZooKeeper zk, Events events, boolean canRemoveWatches, ReadSizer sizer) {
        this.zk = zk;
        this.events = events;
        this.canRemoveWatches = canRemoveWatches;
        this.sizer = sizer;
    }

    /** Whether a server of this version has {@code removeWatches}: 3.5 and later; not when the version is unknown. */
    static boolean canRemoveWatches(String version) {
        Matcher m = MAJOR_MINOR.matcher(version);
        if (!m.lookingAt()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 3 || (major == 3 && minor >= 5);
    }

    @Override
    public String name() {
        return "one-shot";
    }

    @Override
    public ServerInfo.WatchMode mode() {
        return ServerInfo.WatchMode.ONE_SHOT;
    }

    @Override
    public void watch(Targets next) {
        if (next == targets) {
            return; // a reconnect: the client set every watch again; the full reads that follow re-arm the rest
        }
        Set<String> paths = ConcurrentHashMap.newKeySet();
        paths.addAll(next.paths());
        next.globs().forEach(g -> paths.add(g.literalPrefix()));
        if (canRemoveWatches && targets != null) {
            for (String old : rearm) {
                if (!paths.contains(old)) {
                    zk.removeWatches(old, this, WatcherType.Any, true, REMOVED, null);
                }
            }
        }
        rearm = paths;
        targets = next;
    }

    @Override
    public void close() {
        closed = true;
        if (canRemoveWatches) {
            for (String p : rearm) {
                zk.removeWatches(p, this, WatcherType.Any, true, REMOVED, null);
            }
        } else {
            LOG.debug("ZooKeeper 3.4 has no removeWatches: this strategy's watches end when they fire or with the session");
        }
    }

    // ---- events ----

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
            case NodeCreated -> created(raw);
            case NodeDeleted -> {
                emit(raw, Change.DELETED);
                if (rearm.contains(raw)) {
                    rearmExists(raw);
                }
            }
            case NodeDataChanged -> emit(raw, Change.DATA_CHANGED);
            case NodeChildrenChanged -> emit(raw, Change.CHILDREN_CHANGED);
            default -> LOG.debug("Watch event {} of {} needs nothing", event.getType(), raw);
        }
    }

    /** A node was created: its children must be read (and so watched) too. */
    private void created(String raw) {
        emit(raw, Change.CREATED);
        emit(raw, Change.CHILDREN_CHANGED);
    }

    /** After a deletion: watch for the node's return, and report a return that came before the watch was set. */
    private void rearmExists(String raw) {
        zk.exists(raw, this, (rc, path, ctx, stat) -> {
            if (closed) {
                return;
            }
            if (rc == Code.OK.intValue()) {
                created(raw);
            } else if (rc != Code.NONODE.intValue() && !NodeReader.connectionLost(String.valueOf(Code.get(rc)))) {
                LOG.warn("Cannot watch {} for its return: {}", raw, Code.get(rc));
            }
        }, null);
    }

    /** Reports a change, or holds it while a full read of the node or of its parent is in flight. */
    void emit(String raw, Change change) {
        OneShotRead<?> read = inFlight.get(raw);
        if (read == null && !raw.equals("/")) {
            read = inFlight.get(ZkPaths.parent(raw));
        }
        if (read != null) {
            read.hold(raw, change);
        } else {
            events.changed(raw, change);
        }
    }

    // ---- reads ----

    @Override
    public <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback) {
        Set<String> watched = rearm;
        for (T t : batch) {
            watched.add(t.rawPath()); // a glob's match: watched from now on
            new OneShotRead<>(this, t, callback).start();
        }
    }

    @Override
    public void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback) {
        if (sizer.childrenSuspected(rawParent)) {
            sizer.statsFirst(zk, this, rawParent, children, callback, (fitting, sizes, cb) -> readAllData(rawParent, fitting, true, cb));
            return;
        }
        readAllData(rawParent, children, false, callback);
    }

    private void readAllData(String rawParent, String[] children, boolean sized, ChildrenDataCallback callback) {
        if (children.length == 0) {
            callback.read(Map.of(), null);
            return;
        }
        Map<String, byte[]> collected = new HashMap<>();
        int[] remaining = {children.length};
        String[] error = {null};
        for (String child : children) {
            zk.getData(ZkPaths.child(rawParent, child), this, (rc, p, ctx, bytes, stat) -> {
                if (rc == Code.OK.intValue()) {
                    collected.put(child, bytes == null ? new byte[0] : bytes);
                } else if (rc != Code.NONODE.intValue() && error[0] == null) {
                    error[0] = String.valueOf(Code.get(rc));
                }
                if (--remaining[0] == 0) {
                    if (NodeReader.connectionLost(error[0])) {
                        sizer.childrenLost(rawParent); // next time: each child's size first
                    } else if (error[0] == null && sized) {
                        sizer.childrenRead(rawParent);
                    }
                    callback.read(error[0] == null ? collected : null, error[0]);
                }
            }, null);
        }
    }

    @Override
    public void readData(String rawPath, DataCallback callback) {
        zk.getData(rawPath, this, (rc, p, ctx, bytes, stat) -> {
            if (rc == Code.CONNECTIONLOSS.intValue()) {
                sizer.lost(rawPath);
            }
            ReadBatcher.answerData(rc, bytes, stat, callback);
        }, null);
    }

    @Override
    public void listChildren(String rawPath, ChildrenCallback callback) {
        zk.getChildren(rawPath, this, (rc, p, ctx, list) -> {
            if (rc == Code.OK.intValue()) {
                callback.listed(list, null);
            } else if (rc == Code.NONODE.intValue()) {
                // watch for its creation, so that matches below it are found when it comes
                zk.exists(rawPath, this, (rc2, p2, ctx2, stat) -> {
                    callback.listed(null, rc2 == Code.OK.intValue() || rc2 == Code.NONODE.intValue() ? null : String.valueOf(Code.get(rc2)));
                    if (rc2 == Code.OK.intValue() && !closed) {
                        created(rawPath); // back already: list it again
                    }
                }, null);
            } else {
                callback.listed(null, String.valueOf(Code.get(rc)));
            }
        }, null);
    }
}
