package io.zkmon.cluster;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences shared by every agent under {@code silences/<id>}. Reads come from a {@link ChildrenCache} (the dispatcher
 * asks often); {@link #add} and {@link #remove} write through to ZooKeeper and return once this agent's own view shows
 * the change, so an API call that adds a silence and then lists them sees it.
 *
 * <p>What is read is untrusted (with open ACLs anyone may have written it), and a silence mutes alerts, so only
 * silences within the HTTP API's limits count ({@link Silence#problem}): an invalid one is ignored with one WARN, and
 * at most {@link #MAX_SILENCES} count (the oldest; the newest beyond are ignored, with one WARN). The sender deletes
 * expired silences ({@link #prune}).
 */
final class ZkSilenceStore implements SilenceStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkSilenceStore.class);
    private static final long VIEW_WAIT_MILLIS = 5_000;
    /** The most silences that count. */
    static final int MAX_SILENCES = 1_000;
    /** The most silence znodes read (more is a flood: not listed at all). */
    static final int MAX_NODES = 2 * MAX_SILENCES;
    /** The largest silence znode read. */
    static final int MAX_BYTES = 16 * 1_024;

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final List<ACL> acl;
    private final Clock clock;
    private final ChildrenCache cache;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> warned = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService rebuilder;
    private final java.util.concurrent.atomic.AtomicBoolean rebuildQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** What each znode (by name) held when last decoded, so an unchanged one is not parsed again. */
    private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();
    private int warnedOverCap;

    /** A znode's silence, or why it does not count, as of its version {@code mzxid}. */
    private record Decoded(long mzxid, Silence silence, String problem) {
    }
    private volatile List<Silence> snapshot = List.of();
    /** The znode of each silence in the snapshot, with its version, for pruning. */
    private volatile Map<String, Stat> nodes = Map.of();

    ZkSilenceStore(CuratorFramework client, ClusterLayout layout, List<ACL> acl, Clock clock, String agentName) {
        this.client = client;
        this.layout = layout;
        this.acl = acl;
        this.clock = clock;
        this.cache = new ChildrenCache(client, layout.silences(), MAX_NODES, MAX_BYTES);
        this.rebuilder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zkmon-cluster-silences-" + agentName);
            t.setDaemon(true);
            return t;
        });
        // never on ZooKeeper's event thread, which must stay free for the lease renewals; many changes, one rebuild
        cache.addListener((name, before, after) -> queueRebuild());
    }

    private void queueRebuild() {
        if (rebuildQueued.compareAndSet(false, true)) {
            try {
                rebuilder.execute(() -> {
                    rebuildQueued.set(false);
                    rebuild();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Not reading the silences again: the cluster is stopping");
            }
        }
    }

    void start() {
        cache.start();
    }

    /** Re-reads the silences and judges them again (validity depends on the time); the cluster does it periodically. */
    void refresh() {
        cache.refresh();
        rebuild();
    }

    @Override
    public void close() {
        cache.close();
        rebuilder.shutdownNow();
    }

    @Override
    public List<Silence> list() {
        return snapshot;
    }

    @Override
    public void add(Silence silence) {
        String problem = silence.problem(clock.instant());
        if (problem != null) {
            throw new IllegalArgumentException("silence " + silence.id() + " is not acceptable: " + problem);
        }
        if (snapshot.size() >= MAX_SILENCES && snapshot.stream().noneMatch(s -> s.id().equals(silence.id()))) {
            throw new IllegalStateException("there are already " + snapshot.size() + " silences, the most a cluster keeps; remove "
                    + "some first");
        }
        String node = layout.silence(silence.id());
        byte[] json = ClusterJson.encodeSilence(silence);
        try {
            try {
                Znodes.ensure(client, layout.silences(), acl);
                Znodes.create(client, node, json, acl, org.apache.zookeeper.CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                client.setData().forPath(node, json);
            }
        } catch (Exception e) {
            throw new IllegalStateException(Znodes.explain(e, "Cannot store silence " + silence.id() + " in ZooKeeper"), e);
        }
        awaitView(c -> c != null && c.data() != null && java.util.Arrays.equals(c.data(), json), ClusterLayout.encode(silence.id()));
        rebuild(); // the cache has it; make list() say so before returning, not when the cache's listener runs
    }

    @Override
    public boolean remove(String id) {
        String node = layout.silence(id);
        try {
            client.delete().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(Znodes.explain(e, "Cannot remove silence " + id + " from ZooKeeper"), e);
        }
        awaitView(c -> c == null, ClusterLayout.encode(id));
        rebuild();
        return true;
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    /**
     * Deletes silences that have ended (each only if unchanged since it was read). Called by the sender only, so that
     * the agents do not all delete the same nodes.
     */
    void prune() {
        Instant now = clock.instant();
        for (Silence s : snapshot) {
            Stat st = nodes.get(s.id());
            if (!s.activeAt(now) && st != null) {
                try {
                    client.delete().withVersion(st.getVersion()).forPath(layout.silence(s.id()));
                    LOG.info("Removed silence {} for {}: it ended at {}", ClusterLayout.printable(s.id()), ClusterLayout.printable(s.pattern()),
                            s.until());
                } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                    LOG.debug("Silence {} was removed or changed meanwhile", s.id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.debug(Znodes.explain(e, "Could not remove ended silence " + s.id()));
                    return;
                }
            }
        }
    }

    private void awaitView(Predicate<ChildrenCache.Child> done, String name) {
        long deadline = System.nanoTime() + VIEW_WAIT_MILLIS * 1_000_000;
        synchronized (this) {
            while (!done.test(cache.get(name))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.debug("The silence cache has not caught up with {} yet", name);
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Decoded decode(ChildrenCache.Child c) {
        try {
            Silence s = ClusterJson.decodeSilence(c.data());
            if (!ClusterLayout.encode(s.id()).equals(c.name())) {
                return new Decoded(c.stat().getMzxid(), null, "it is stored under another id's name");
            }
            return new Decoded(c.stat().getMzxid(), s, null);
        } catch (IllegalArgumentException e) {
            return new Decoded(c.stat().getMzxid(), null, e.getMessage());
        }
    }

    /** Synchronized: the rebuild thread and a writer waiting for its own change both rebuild, newest last. */
    private synchronized void rebuild() {
        Instant now = clock.instant();
        record Read(Silence silence, Stat stat) {
        }
        List<Read> valid = new ArrayList<>();
        Map<String, ChildrenCache.Child> children = cache.children();
        decoded.keySet().retainAll(children.keySet());
        for (ChildrenCache.Child c : children.values()) {
            if (c.oversized()) {
                continue; // the cache warned
            }
            Decoded d = decoded.get(c.name());
            if (d == null || d.mzxid() != c.stat().getMzxid()) {
                d = decode(c);
                decoded.put(c.name(), d);
                if (d.problem() == null) {
                    warned.remove(c.path());
                }
            }
            String why = d.problem() != null ? d.problem() : d.silence().problem(now);
            if (why != null) {
                long version = c.stat().getMzxid();
                if (!Long.valueOf(version).equals(warned.put(c.path(), version))) {
                    LOG.warn("Ignoring silence {}: {}. Someone with write access to ZooKeeper may have written it (see docs/security.md)",
                            c.path(), why);
                }
                continue;
            }
            valid.add(new Read(d.silence(), c.stat()));
        }
        valid.sort(Comparator.comparing((Read r) -> r.silence().createdAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> r.silence().id()));
        if (valid.size() > MAX_SILENCES) {
            if (warnedOverCap != valid.size()) {
                warnedOverCap = valid.size();
                LOG.warn("{} silences in {}, more than the {} that count; the {} newest are ignored. Remove the ones not needed",
                        valid.size(), layout.silences(), MAX_SILENCES, valid.size() - MAX_SILENCES);
            }
            valid = valid.subList(0, MAX_SILENCES);
        } else {
            warnedOverCap = 0;
        }
        List<Silence> out = new ArrayList<>();
        Map<String, Stat> byId = new java.util.HashMap<>();
        for (Read r : valid) {
            out.add(r.silence());
            byId.put(r.silence().id(), r.stat());
        }
        out.sort(Comparator.comparing(Silence::until).thenComparing(Silence::id));
        boolean same = out.equals(snapshot);
        snapshot = List.copyOf(out);
        nodes = Map.copyOf(byId);
        notifyAll();
        if (same) {
            return;
        }
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("A silence listener failed", e);
            }
        }
    }
}
