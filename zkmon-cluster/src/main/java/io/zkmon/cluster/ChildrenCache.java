package io.zkmon.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The children of one znode and their data, kept current with one-shot watches that are re-armed by the read that
 * follows each event, so no change between an event and its re-arm is lost. It replaces Curator's {@code CuratorCache}
 * in the cluster because that needs persistent watches, which ZooKeeper 3.4 and 3.5 servers do not have (sent to
 * them, {@code addWatch} makes the server drop the connection). One-shot watches work on every server from 3.4 on,
 * and the cluster's directories ({@code agents/}, {@code locks/alerter}, {@code silences/}) are one level deep and
 * small, so one code path serves every server version, including an ensemble rolled between versions.
 *
 * <p>Every znode here is untrusted: a directory with more than {@code maxChildren} children is not listed (a reply
 * over the client's packet limit would drop the connection of the whole agent, again after every reconnect); the last
 * good picture is kept and one WARN says why, until the next {@link #refresh()} finds it small again. A child whose
 * data is longer than {@code maxDataBytes} is kept with its {@link Stat} but no data, and one WARN names it.
 *
 * <p>Reads are asynchronous; their answers and the listeners run on the ZooKeeper client's event thread, so listeners
 * must only record or queue work.
 */
final class ChildrenCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildrenCache.class);

    /** One child: its stat, and its data ({@code null} when longer than the cache reads). */
    record Child(String name, String path, Stat stat, byte[] data) {
        boolean oversized() {
            return data == null;
        }
    }

    /** Told about every change: {@code before == null} for a new child, {@code after == null} for one gone. */
    @FunctionalInterface
    interface Listener {
        void changed(String name, Child before, Child after);
    }

    private final CuratorFramework client;
    private final String dir;
    private final int maxChildren;
    private final int maxDataBytes;
    private final Map<String, Child> children = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> warnedOversized = ConcurrentHashMap.newKeySet();
    private final Watcher dirWatcher = this::dirEvent;
    private final Watcher childWatcher = this::childEvent;
    private final ConnectionStateListener connection = (c, state) -> {
        if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
            refresh();
        }
    };
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean initialized;
    private int warnedCount = -1;

    ChildrenCache(CuratorFramework client, String dir, int maxChildren, int maxDataBytes) {
        this.client = client;
        this.dir = dir;
        this.maxChildren = maxChildren;
        this.maxDataBytes = maxDataBytes;
    }

    void addListener(Listener l) {
        listeners.add(l);
    }

    /** Starts reading; again after every (re)connection. */
    void start() {
        started = true;
        client.getConnectionStateListenable().addListener(connection);
        refresh();
    }

    /** Re-reads the list and every known child (after a new session, whose watches are gone; and as a safety net). */
    void refresh() {
        if (closed || !started) {
            return;
        }
        readList();
        for (String name : children.keySet()) {
            readChild(name);
        }
    }

    /** The directory this cache reads. */
    String dir() {
        return dir;
    }

    /** The children read so far, by name. */
    Map<String, Child> children() {
        return Map.copyOf(children);
    }

    /** One child, or null. */
    Child get(String name) {
        return children.get(name);
    }

    /** True once the directory's list was read at least once. */
    boolean initialized() {
        return initialized;
    }

    @Override
    public void close() {
        closed = true;
        client.getConnectionStateListenable().removeListener(connection);
        // the one-shot watches left on the server fire at most once more and are ignored: removing them would need
        // removeWatches, which a 3.4 server does not know
    }

    // ---- reading (answers on the event thread) ----

    private void dirEvent(WatchedEvent e) {
        if (!closed && e.getType() != Watcher.Event.EventType.None) {
            readList();
        }
    }

    private void childEvent(WatchedEvent e) {
        if (!closed && e.getType() != Watcher.Event.EventType.None && e.getPath() != null) {
            readChild(ZKPaths.getNodeFromPath(e.getPath()));
        }
    }

    private void readList() {
        try {
            // the count first: a list too long for one reply must not be asked for
            client.checkExists().usingWatcher(dirWatcher).inBackground((c, e) -> counted(e)).forPath(dir);
        } catch (Exception ex) {
            failed("check", dir, ex);
        }
    }

    private void counted(CuratorEvent e) {
        if (closed) {
            return;
        }
        int rc = e.getResultCode();
        if (rc == KeeperException.Code.NONODE.intValue()) {
            // the directory is gone (or not there yet): nothing under it; the exists watch tells when it comes back
            initialized = true;
            children.keySet().forEach(this::removed);
            return;
        }
        if (rc != KeeperException.Code.OK.intValue() || e.getStat() == null) {
            notRead("count the children of", dir, rc);
            return;
        }
        int count = e.getStat().getNumChildren();
        if (count > maxChildren) {
            tooMany(count);
            return;
        }
        try {
            client.getChildren().usingWatcher(dirWatcher).inBackground((c, ev) -> listed(ev)).forPath(dir);
        } catch (Exception ex) {
            failed("list", dir, ex);
        }
    }

    private synchronized void tooMany(int count) {
        if (warnedCount != count) {
            warnedCount = count;
            LOG.warn("{} has {} children, more than the {} this agent reads there; it keeps what it read before and looks again "
                    + "every few seconds. Someone with write access to ZooKeeper may be flooding it: remove what does not belong "
                    + "(see docs/security.md)", dir, count, maxChildren);
        }
    }

    private void listed(CuratorEvent e) {
        if (closed) {
            return;
        }
        int rc = e.getResultCode();
        if (rc == KeeperException.Code.NONODE.intValue()) {
            counted(e);
            return;
        }
        if (rc != KeeperException.Code.OK.intValue()) {
            notRead("list", dir, rc);
            return;
        }
        List<String> names = e.getChildren();
        if (names.size() > maxChildren) {
            tooMany(names.size());
            return;
        }
        synchronized (this) {
            warnedCount = -1;
        }
        Set<String> now = Set.copyOf(names);
        for (String known : children.keySet()) {
            if (!now.contains(known)) {
                removed(known);
            }
        }
        for (String name : names) {
            if (!children.containsKey(name)) {
                readChild(name);
            }
        }
        initialized = true;
    }

    private void readChild(String name) {
        String path = ZKPaths.makePath(dir, name);
        try {
            // the watch is set by exists (fires on a data change or deletion); the data is read only when not too long
            client.checkExists().usingWatcher(childWatcher).inBackground((c, e) -> childStat(name, path, e)).forPath(path);
        } catch (Exception ex) {
            failed("check", path, ex);
        }
    }

    private void childStat(String name, String path, CuratorEvent e) {
        if (closed) {
            return;
        }
        int rc = e.getResultCode();
        if (rc == KeeperException.Code.NONODE.intValue() || (rc == KeeperException.Code.OK.intValue() && e.getStat() == null)) {
            removed(name);
            return;
        }
        if (rc != KeeperException.Code.OK.intValue()) {
            notRead("check", path, rc);
            return;
        }
        Stat stat = e.getStat();
        if (stat.getDataLength() > maxDataBytes) {
            if (warnedOversized.add(path + "@" + stat.getMzxid())) {
                LOG.warn("Ignoring the data of {}: {} bytes, more than the {} a cluster znode may hold; someone with write access to "
                        + "ZooKeeper wrote it (see docs/security.md)", path, stat.getDataLength(), maxDataBytes);
            }
            put(name, new Child(name, path, stat, null));
            return;
        }
        try {
            client.getData().inBackground((c, ev) -> childData(name, path, ev)).forPath(path);
        } catch (Exception ex) {
            failed("read", path, ex);
        }
    }

    private void childData(String name, String path, CuratorEvent e) {
        if (closed) {
            return;
        }
        int rc = e.getResultCode();
        if (rc == KeeperException.Code.NONODE.intValue()) {
            removed(name);
            return;
        }
        if (rc != KeeperException.Code.OK.intValue() || e.getStat() == null) {
            notRead("read", path, rc);
            return;
        }
        byte[] data = e.getData() == null ? new byte[0] : e.getData();
        put(name, new Child(name, path, e.getStat(), data.length > maxDataBytes ? null : data));
    }

    private synchronized void put(String name, Child next) {
        Child before = children.get(name);
        if (before != null && before.stat().getMzxid() > next.stat().getMzxid() && before.stat().getCzxid() == next.stat().getCzxid()) {
            return; // an answer older than what is known (a retried read that came back late)
        }
        if (before != null && before.stat().getMzxid() == next.stat().getMzxid() && before.stat().getCzxid() == next.stat().getCzxid()
                && before.oversized() == next.oversized()) {
            return; // nothing new
        }
        children.put(name, next);
        fire(name, before, next);
    }

    private synchronized void removed(String name) {
        Child before = children.remove(name);
        if (before != null) {
            warnedOversized.removeIf(k -> k.startsWith(before.path() + "@"));
            fire(name, before, null);
        }
    }

    private void fire(String name, Child before, Child after) {
        for (Listener l : listeners) {
            try {
                l.changed(name, before, after);
            } catch (RuntimeException ex) {
                LOG.error("A listener of the cache of {} failed", dir, ex);
            }
        }
    }

    private void notRead(String what, String path, int rc) {
        KeeperException.Code code = KeeperException.Code.get(rc);
        if (code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.SESSIONEXPIRED
                || code == KeeperException.Code.SESSIONMOVED || code == KeeperException.Code.OPERATIONTIMEOUT) {
            LOG.debug("Could not {} {} ({}); reading again when reconnected", what, path, code);
        } else {
            LOG.warn(Znodes.explain(KeeperException.create(code, path), "Could not " + what + " " + path) + "; reading again in a few seconds");
        }
    }

    private void failed(String what, String path, Exception ex) {
        if (!closed) {
            LOG.warn("Could not {} {}: {}; reading again in a few seconds", what, path, ex.toString());
        }
    }
}
