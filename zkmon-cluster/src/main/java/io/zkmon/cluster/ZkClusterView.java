package io.zkmon.cluster;

import io.zkmon.core.ClusterView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as this agent sees it, from two {@link ChildrenCache}s: {@code agents/} (who is there, who says it sends)
 * and {@code locks/alerter} (who is in line). Candidates count by the election's own rule ({@link LockCandidates}), so
 * a forged lock node is never named as the leader. The leader is the candidate that counts and whose registration says
 * it sends ({@code leading_since}), which is also since when it leads.
 */
final class ZkClusterView implements ClusterView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkClusterView.class);
    /** Registrations beyond this many are not read (a flood); see {@link ChildrenCache}. */
    static final int MAX_AGENTS = 1_000;
    /** The largest registration read. */
    static final int MAX_REGISTRATION_BYTES = 16 * 1_024;

    private final String self;
    private final boolean secured;
    private final ChildrenCache agents;
    private final ChildrenCache locks;
    private final AtomicLong oversizedStateWrites;
    private final Map<String, Long> warned = new ConcurrentHashMap<>();

    ZkClusterView(CuratorFramework client, ClusterLayout layout, String self, boolean secured, AtomicLong oversizedStateWrites) {
        this.self = self;
        this.secured = secured;
        this.oversizedStateWrites = oversizedStateWrites;
        this.agents = new ChildrenCache(client, layout.agents(), MAX_AGENTS, MAX_REGISTRATION_BYTES);
        this.locks = new ChildrenCache(client, layout.alerterLock(), AlertingElection.MAX_LOCK_CHILDREN, ClusterLayout.MAX_NAME_BYTES);
    }

    void start() {
        agents.start();
        locks.start();
    }

    /** Re-reads both directories (the cluster's periodic safety net). */
    void refresh() {
        agents.refresh();
        locks.refresh();
    }

    /** Calls back (on ZooKeeper's event thread) when an agent node is deleted, with its name. */
    void onAgentGone(Consumer<String> callback) {
        agents.addListener((name, before, after) -> {
            if (after == null && before != null) {
                callback.accept(name);
            }
        });
    }

    /** Calls back (on ZooKeeper's event thread) on any change of an agent or lock node. */
    void onChange(Runnable callback) {
        agents.addListener((name, before, after) -> callback.run());
        locks.addListener((name, before, after) -> callback.run());
    }

    /** True once both directories were read. */
    boolean initialized() {
        return agents.initialized() && locks.initialized();
    }

    @Override
    public void close() {
        agents.close();
        locks.close();
    }

    @Override
    public List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        for (ChildrenCache.Child c : agents.children().values()) {
            if (c.stat().getEphemeralOwner() == 0 || c.oversized()) {
                continue; // agents register with ephemeral nodes; a persistent one is no live agent
            }
            ClusterJson.AgentDoc doc = decode(c);
            if (doc != null && doc.zkmon()) {
                out.add(ClusterJson.toAgent(c.name(), doc));
            } else {
                out.add(legacyAgent(c, doc));
            }
        }
        out.sort(Comparator.comparing(Agent::name));
        return out;
    }

    /** An old zk_monitor agent's registration ({@code <host>-<pid>}, JSON {@code {"pid", "created"}}) shown as an agent. */
    private static Agent legacyAgent(ChildrenCache.Child c, ClusterJson.AgentDoc doc) {
        String name = c.name();
        int dash = name.lastIndexOf('-');
        long pid = doc != null && doc.pid() > 0 ? doc.pid() : 0;
        if (pid == 0 && dash > 0) {
            try {
                pid = Long.parseLong(name.substring(dash + 1));
            } catch (NumberFormatException e) {
                pid = 0;
            }
        }
        String host = dash > 0 && name.substring(dash + 1).equals(String.valueOf(pid)) ? name.substring(0, dash) : name;
        return new Agent(name, host, pid, "zk_monitor", Instant.ofEpochMilli(c.stat().getCtime()), 0);
    }

    /** The registrations as the election's rule needs them, by name. */
    Map<String, LockCandidates.Registration> registrations() {
        Map<String, LockCandidates.Registration> out = new HashMap<>();
        for (ChildrenCache.Child c : agents.children().values()) {
            out.put(c.name(), ClusterJson.registration(c.name(), c.stat(), c.data()));
        }
        return out;
    }

    private LockCandidates.Result candidates(Map<String, LockCandidates.Registration> regs) {
        List<LockCandidates.Node> nodes = new ArrayList<>();
        for (ChildrenCache.Child c : locks.children().values()) {
            String data = c.data() == null ? "" : new String(c.data(), StandardCharsets.UTF_8);
            nodes.add(new LockCandidates.Node(c.name(), c.stat().getEphemeralOwner(), data));
        }
        return LockCandidates.of(nodes, regs);
    }

    @Override
    public String leader() {
        LockCandidates.Registration r = leading();
        return r == null ? null : r.name();
    }

    /** The candidate that counts and says it sends, lowest sequence first; null when none does. */
    private LockCandidates.Registration leading() {
        Map<String, LockCandidates.Registration> regs = registrations();
        LockCandidates.Result result = candidates(regs);
        if (result.legacy() != null) {
            return null;
        }
        for (LockCandidates.Node n : result.candidates()) {
            LockCandidates.Registration r = regs.get(n.data());
            if (r != null && r.zkmon() && r.leadingSince() != null) {
                return r;
            }
        }
        return null;
    }

    @Override
    public Instant leaderSince() {
        LockCandidates.Registration r = leading();
        return r == null ? null : r.leadingSince();
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public String legacySender() {
        LockCandidates.Node lease = candidates(registrations()).legacy();
        return lease == null ? null : lease.data();
    }

    @Override
    public boolean secured() {
        return secured;
    }

    /**
     * This agent leads, or is the first candidate that counts; when no candidate counts (none could join, or they are
     * all forged), the first registered zkmon agent by name; when no agent is seen at all, this one (better several
     * agents report a cluster without a sender than none).
     */
    @Override
    public boolean nextInLine() {
        Map<String, LockCandidates.Registration> regs = registrations();
        LockCandidates.Result result = candidates(regs);
        if (result.first() != null) {
            return self.equals(result.first().data());
        }
        return regs.values().stream().filter(r -> r.zkmon() && r.ephemeralOwner() != 0).map(LockCandidates.Registration::name)
                .min(Comparator.naturalOrder()).map(self::equals).orElse(true);
    }

    @Override
    public long oversizedStateWrites() {
        return oversizedStateWrites.get();
    }

    private ClusterJson.AgentDoc decode(ChildrenCache.Child c) {
        try {
            return ClusterJson.decodeAgent(c.data());
        } catch (IllegalArgumentException e) {
            long version = c.stat().getMzxid();
            if (!Long.valueOf(version).equals(warned.put(c.path(), version))) {
                LOG.warn("Unreadable agent registration at {}: {}", c.path(), e.getMessage());
            }
            return null;
        }
    }
}
