package io.zkmon.cluster;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences shared by every agent under {@code silences/<id>}. Reads come from a {@link CuratorCache} (the dispatcher
 * asks often); {@link #add} and {@link #remove} write through to ZooKeeper and return once this agent's own view shows
 * the change, so an API call that adds a silence and then lists them sees it.
 */
final class ZkSilenceStore implements SilenceStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkSilenceStore.class);
    private static final long VIEW_WAIT_MILLIS = 5_000;

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final List<ACL> acl;
    private final CuratorCache cache;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> warned = new ConcurrentHashMap<>();
    private volatile List<Silence> snapshot = List.of();

    ZkSilenceStore(CuratorFramework client, ClusterLayout layout, List<ACL> acl) {
        this.client = client;
        this.layout = layout;
        this.acl = acl;
        this.cache = CuratorCache.build(client, layout.silences());
        cache.listenable().addListener((type, oldData, data) -> rebuild());
    }

    void start() {
        cache.start();
    }

    @Override
    public void close() {
        cache.close();
    }

    @Override
    public List<Silence> list() {
        return snapshot;
    }

    @Override
    public void add(Silence silence) {
        String node = layout.silence(silence.id());
        byte[] json = ClusterJson.encodeSilence(silence);
        Stat stat = new Stat();
        try {
            try {
                client.create().storingStatIn(stat).creatingParentsIfNeeded().withACL(acl, true).forPath(node, json);
            } catch (KeeperException.NodeExistsException e) {
                stat = client.setData().forPath(node, json);
            }
        } catch (Exception e) {
            throw new IllegalStateException(Znodes.explain(e, "Cannot store silence " + silence.id() + " in ZooKeeper"), e);
        }
        long written = stat.getMzxid();
        awaitView(c -> c.isPresent() && c.get().getStat().getMzxid() >= written, node);
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
        awaitView(Optional::isEmpty, node);
        rebuild();
        return true;
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    private void awaitView(Predicate<Optional<ChildData>> done, String node) {
        long deadline = System.nanoTime() + VIEW_WAIT_MILLIS * 1_000_000;
        synchronized (this) {
            while (!done.test(cache.get(node))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.debug("The silence cache has not caught up with {} yet", node);
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

    /** Synchronized: the cache's listener and a writer waiting for its own change both rebuild, newest last. */
    private synchronized void rebuild() {
        String dir = layout.silences();
        List<Silence> out = new ArrayList<>();
        cache.stream().filter(d -> d.getPath().startsWith(dir + "/") && d.getPath().indexOf('/', dir.length() + 1) < 0).forEach(d -> {
            try {
                out.add(ClusterJson.decodeSilence(d.getData()));
                warned.remove(d.getPath());
            } catch (IllegalArgumentException e) {
                long version = d.getStat() == null ? -1 : d.getStat().getMzxid();
                if (!Long.valueOf(version).equals(warned.put(d.getPath(), version))) {
                    LOG.warn("Ignoring unreadable silence at {}: {}", d.getPath(), e.getMessage());
                }
            }
        });
        out.sort(Comparator.comparing(Silence::until).thenComparing(Silence::id));
        snapshot = List.copyOf(out);
        notifyAll();
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("A silence listener failed", e);
            }
        }
    }
}
