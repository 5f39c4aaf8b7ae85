package io.zkmon.cluster;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert state shared through ZooKeeper under {@code state/}.
 *
 * <p>When this agent wins the alerting lock, {@link #prepare} reads every stored state <em>before</em> the agent is
 * allowed to send, so a takeover never starts from a partial picture. From then on this store keeps a mirror of what
 * the leader decided: {@link #loadAll()} answers from it at once (and so includes writes still on their way), while
 * {@link StateWriter} persists each change, fenced on the lock node.
 */
final class ZkAlertStateStore implements AlertStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(ZkAlertStateStore.class);

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final StateWriter writer;
    private final String agent;
    private final Clock clock;
    private final long readTimeoutMillis;

    /** What the leadership {@code fence} (its lock node) knows is stored. */
    private record Mirror(String fence, Map<String, AlertState> states) {
    }

    private volatile Mirror mirror;
    /** The fence under which the dispatcher last loaded: its writes carry it. */
    private volatile String dispatcherFence;

    ZkAlertStateStore(CuratorFramework client, ClusterLayout layout, StateWriter writer, String agent, Clock clock, long readTimeoutMillis) {
        this.client = client;
        this.layout = layout;
        this.writer = writer;
        this.agent = agent;
        this.clock = clock;
        this.readTimeoutMillis = readTimeoutMillis;
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
        raw.forEach((node, json) -> {
            try {
                AlertState s = ClusterJson.decodeState(json);
                if (!node.equals(layout.stateNode(s.path()))) {
                    throw new IllegalArgumentException("it belongs at " + layout.stateNode(s.path()));
                }
                states.put(s.path(), s);
                nodes.add(node);
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring unreadable alert state at {}: {}", node, e.getMessage());
            }
        });
        writer.knownNodes(nodes);
        mirror = new Mirror(fence, states);
        LOG.info("Loaded shared alert state of {} path(s) in {} ms", states.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Every state znode under {@code state/}, by znode path, read in parallel. */
    private Map<String, byte[]> readAll() throws Exception {
        List<String> buckets = Znodes.children(client, layout.state()).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
        List<CompletableFuture<List<String>>> lists = new ArrayList<>();
        for (String b : buckets) {
            lists.add(Znodes.children(client, layout.state() + "/" + b).thenApply(names -> {
                List<String> full = new ArrayList<>();
                names.forEach(n -> full.add(layout.state() + "/" + b + "/" + n));
                return full;
            }));
        }
        CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new)).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
        Map<String, CompletableFuture<byte[]>> reads = new HashMap<>();
        for (CompletableFuture<List<String>> l : lists) {
            for (String node : l.join()) {
                reads.put(node, Znodes.data(client, node));
            }
        }
        CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
        Map<String, byte[]> out = new HashMap<>();
        reads.forEach((node, f) -> {
            byte[] data = f.join();
            if (data != null) {
                out.put(node, data);
            }
        });
        return out;
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
        writer.submit(new StateWriter.Op(m.fence(), state.path(), layout.stateNode(state.path()),
                ClusterJson.encodeState(state, agent, clock.instant())));
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
