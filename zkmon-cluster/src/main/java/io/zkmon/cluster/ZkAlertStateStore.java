package io.zkmon.cluster;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert state shared through ZooKeeper under {@code state/}.
 *
 * <p>When this agent wins the alerting lock, {@link #prepare} reads every stored state <em>before</em> the agent is
 * allowed to send, so a takeover never starts from a partial picture. From then on this store keeps a mirror of what
 * the leader decided: {@link #loadAll()} answers from it at once (and so includes writes still on their way), while
 * {@link StateWriter} persists each change, fenced on the lock node.
 *
 * <p>What is read is untrusted: a record that is corrupt, too large, stored under another path's name, or not
 * consistent ({@link ClusterJson#decodeState}) is rejected with one WARN and deleted, and its path starts from scratch
 * (never as "already notified"). A state too large to store ({@link #maxStateBytes}) is not written: an ERROR, a
 * count ({@link #oversizedWrites()}), and its stored record is deleted instead, so the next sender starts the path from
 * scratch (at worst a duplicate) rather than from an older record, and the session is never broken by a write the
 * server must refuse.
 */
final class ZkAlertStateStore implements AlertStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(ZkAlertStateStore.class);
    /** A bucket with more children than this is not read (one reply could not hold the list). */
    static final int MAX_BUCKET_CHILDREN = 10_000;
    /** Stands for the data of a node too large to read. */
    private static final byte[] TOO_LARGE = new byte[0];

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final StateWriter writer;
    private final String agent;
    private final Clock clock;
    private final long readTimeoutMillis;
    private final int maxStateBytes;
    private final AtomicLong oversized;

    /** What the leadership {@code fence} (its lock node) knows is stored. */
    private record Mirror(String fence, Map<String, AlertState> states) {
    }

    private volatile Mirror mirror;
    /** The fence under which the dispatcher last loaded: its writes carry it. */
    private volatile String dispatcherFence;

    ZkAlertStateStore(CuratorFramework client, ClusterLayout layout, StateWriter writer, String agent, Clock clock, long readTimeoutMillis,
                      int maxStateBytes, AtomicLong oversized) {
        this.client = client;
        this.layout = layout;
        this.writer = writer;
        this.agent = agent;
        this.clock = clock;
        this.readTimeoutMillis = readTimeoutMillis;
        this.maxStateBytes = maxStateBytes;
        this.oversized = oversized;
    }

    /**
     * The largest encoded alert state written: ZooKeeper's packet limit ({@code jute.maxbuffer}, 1 MiB unless the
     * system property says otherwise) less room for the path, the ACL and the fencing transaction around it.
     */
    static int defaultMaxStateBytes() {
        int limit = Integer.getInteger("jute.maxbuffer", 0xfffff);
        return Math.max(4_096, Math.min(limit, 0xfffff) - 16 * 1_024);
    }

    /** State writes refused as too large, since start. */
    long oversizedWrites() {
        return oversized.get();
    }

    /**
     * Reads every stored state for a new term as leader. Called on the cluster's thread after this agent won the lock
     * and before it may send; ZooKeeper's ordering guarantees the read sees every write the previous leader made
     * before its lock node went away.
     *
     * @throws Exception when the state cannot be read (the agent then does not send until it can)
     */
    void prepare(String fence) throws Exception {
        if (mirror != null && mirror.fence().equals(fence)) {
            return; // same term (a short disconnection): the mirror is still right
        }
        long start = System.nanoTime();
        Map<String, byte[]> raw = readAll();
        Map<String, AlertState> states = new ConcurrentHashMap<>();
        List<String> nodes = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Instant now = clock.instant();
        raw.forEach((node, json) -> {
            try {
                if (json == TOO_LARGE || json.length > maxStateBytes) {
                    throw new IllegalArgumentException("it is larger than the " + maxStateBytes + " bytes zkmon writes");
                }
                AlertState s = ClusterJson.decodeState(json, now);
                if (!node.equals(layout.stateNode(s.path()))) {
                    throw new IllegalArgumentException("it is the state of " + ClusterLayout.printable(s.path()) + ", which belongs at "
                            + layout.stateNode(s.path()));
                }
                states.put(s.path(), s);
                nodes.add(node);
            } catch (IllegalArgumentException e) {
                LOG.warn("Rejecting the alert state at {}: {}. Its path starts from scratch; the record is removed. Someone with write "
                        + "access to ZooKeeper may have written it (see docs/security.md)", node, e.getMessage());
                rejected.add(node);
                nodes.add(node);
            }
        });
        writer.knownNodes(nodes);
        for (String node : rejected) {
            writer.submit(new StateWriter.Op(fence, node, node, null));
        }
        mirror = new Mirror(fence, states);
        LOG.info("Loaded shared alert state of {} path(s) in {} ms", states.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * Every state znode under {@code state/}, by znode path, read in parallel: only the 256 bucket names zkmon uses,
     * never a list longer than one reply can hold, never data longer than zkmon writes.
     */
    private Map<String, byte[]> readAll() throws Exception {
        Stat top = Znodes.stat(client, layout.state()).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
        if (top == null || top.getNumChildren() == 0) {
            return Map.of();
        }
        List<String> names = new ArrayList<>();
        if (top.getNumChildren() <= 1_000) {
            names.addAll(Znodes.children(client, layout.state()).get(readTimeoutMillis, TimeUnit.MILLISECONDS));
        } else {
            LOG.error("{} holds {} nodes; zkmon uses 256 buckets there. Someone with write access to ZooKeeper may be flooding it "
                    + "(see docs/security.md); reading only the buckets zkmon uses", layout.state(), top.getNumChildren());
            for (int b = 0; b < 256; b++) {
                names.add(String.format("%02x", b));
            }
        }
        Map<String, CompletableFuture<Stat>> bucketStats = new LinkedHashMap<>();
        for (String name : names) {
            if (name.matches("[0-9a-f]{2}")) {
                String bucket = layout.state() + "/" + name;
                bucketStats.put(bucket, Znodes.stat(client, bucket));
            }
        }
        await(bucketStats.values());
        List<CompletableFuture<List<String>>> lists = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Stat>> e : bucketStats.entrySet()) {
            Stat st = e.getValue().join();
            if (st == null || st.getNumChildren() == 0) {
                continue;
            }
            if (st.getNumChildren() > MAX_BUCKET_CHILDREN) {
                LOG.error("{} holds {} nodes, more than the {} a bucket may have; its paths start from scratch. Someone with write "
                        + "access to ZooKeeper may be flooding it (see docs/security.md)", e.getKey(), st.getNumChildren(), MAX_BUCKET_CHILDREN);
                continue;
            }
            String bucket = e.getKey();
            lists.add(Znodes.children(client, bucket).thenApply(children -> {
                List<String> full = new ArrayList<>();
                children.forEach(n -> full.add(bucket + "/" + n));
                return full;
            }));
        }
        await(lists);
        Map<String, CompletableFuture<Stat>> stats = new HashMap<>();
        for (CompletableFuture<List<String>> l : lists) {
            for (String node : l.join()) {
                stats.put(node, Znodes.stat(client, node));
            }
        }
        await(stats.values());
        Map<String, CompletableFuture<byte[]>> reads = new HashMap<>();
        Map<String, byte[]> out = new HashMap<>();
        stats.forEach((node, f) -> {
            Stat st = f.join();
            if (st == null) {
                return;
            }
            if (st.getDataLength() > maxStateBytes) {
                out.put(node, TOO_LARGE); // rejected without reading it
            } else {
                reads.put(node, Znodes.data(client, node));
            }
        });
        await(reads.values());
        reads.forEach((node, f) -> {
            byte[] data = f.join();
            if (data != null) {
                out.put(node, data);
            }
        });
        return out;
    }

    private void await(java.util.Collection<? extends CompletableFuture<?>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, AlertState> loadAll() {
        Mirror m = mirror;
        if (m == null) {
            // never prepared: the dispatcher was told about a permission this agent never had
            dispatcherFence = null;
            return Map.of();
        }
        dispatcherFence = m.fence();
        return Map.copyOf(m.states());
    }

    @Override
    public void put(AlertState state) {
        if (state.isClear()) {
            remove(state.path());
            return;
        }
        Mirror m = current();
        if (m == null) {
            return;
        }
        m.states().put(state.path(), state);
        String node = layout.stateNode(state.path());
        byte[] json = ClusterJson.encodeState(state, agent, clock.instant());
        if (json.length > maxStateBytes) {
            long n = oversized.incrementAndGet();
            LOG.error("The alert state of {} is {} bytes, more than the {} a znode can take; not storing it ({} such write(s) so far). "
                    + "Its stored state is removed instead, so a new sender would start this path from scratch. The largest part is "
                    + "usually the children that came and went during the incident", ClusterLayout.printable(state.path()), json.length,
                    maxStateBytes, n);
            writer.submit(new StateWriter.Op(m.fence(), state.path(), node, null));
            return;
        }
        writer.submit(new StateWriter.Op(m.fence(), state.path(), node, json));
    }
    @Override
    public void remove(String path) {
        Mirror m = current();
        if (m == null) {
            return;
        }
        m.states().remove(path);
        writer.submit(new StateWriter.Op(m.fence(), path, layout.stateNode(path), null));
    }

    /** The mirror the dispatcher's writes belong to, or null when they belong to a term that is over. */
    private Mirror current() {
        Mirror m = mirror;
        String f = dispatcherFence;
        if (m == null || f == null || !m.fence().equals(f)) {
            LOG.debug("Not storing alert state: written for a term as leader that is over");
            return null;
        }
        return m;
    }
}
