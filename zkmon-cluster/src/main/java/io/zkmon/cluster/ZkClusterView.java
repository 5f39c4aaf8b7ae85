package io.zkmon.cluster;

import io.zkmon.core.ClusterView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as this agent sees it, from two caches: {@code agents/} (who is there) and {@code locks/alerter} (who
 * leads: the candidate with the lowest sequence). Since when the leader leads comes from its own registration
 * ({@code leading_since}), or, until that arrives, from when this agent first saw it lead.
 */
final class ZkClusterView implements ClusterView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkClusterView.class);

    private final ClusterLayout layout;
    private final String self;
    private final Clock clock;
    private final CuratorCache agents;
    private final CuratorCache locks;
    private final Map<String, Long> warned = new ConcurrentHashMap<>();
    private volatile String observedLeader;
    private volatile Instant observedSince;

    ZkClusterView(CuratorFramework client, ClusterLayout layout, String self, Clock clock) {
        this.layout = layout;
        this.self = self;
        this.clock = clock;
        this.agents = CuratorCache.build(client, layout.agents());
        this.locks = CuratorCache.build(client, layout.alerterLock());
        locks.listenable().addListener((type, oldData, data) -> observeLeader());
    }

    void start() {
        agents.start();
        locks.start();
    }

    /** Calls back (on Curator's thread) when an agent node is deleted, with its name. */
    void onAgentGone(Consumer<String> callback) {
        agents.listenable().addListener((type, oldData, data) -> {
            if (type == org.apache.curator.framework.recipes.cache.CuratorCacheListener.Type.NODE_DELETED && oldData != null
                    && isChild(oldData.getPath(), layout.agents())) {
                callback.accept(ZKPaths.getNodeFromPath(oldData.getPath()));
            }
        });
    }

    @Override
    public void close() {
        agents.close();
        locks.close();
    }

    @Override
    public List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        for (Map.Entry<String, ClusterJson.AgentDoc> e : agentDocs().entrySet()) {
            out.add(ClusterJson.toAgent(e.getKey(), e.getValue()));
        }
        out.sort(Comparator.comparing(Agent::name));
        return out;
    }

    @Override
    public String leader() {
        List<ChildData> candidates = new ArrayList<>();
        locks.stream().filter(d -> isChild(d.getPath(), layout.alerterLock()) && ClusterLayout.sequence(ZKPaths.getNodeFromPath(d.getPath())) >= 0)
                .forEach(candidates::add);
        return candidates.stream()
                .min(Comparator.comparingLong(d -> ClusterLayout.sequence(ZKPaths.getNodeFromPath(d.getPath()))))
                .map(d -> d.getData() == null ? "" : new String(d.getData(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Override
    public Instant leaderSince() {
        String leader = leader();
        if (leader == null) {
            return null;
        }
        ClusterJson.AgentDoc doc = agentDocs().get(leader);
        if (doc != null && doc.leadingSince() != null) {
            return doc.leadingSince();
        }
        return leader.equals(observedLeader) ? observedSince : null;
    }

    @Override
    public String self() {
        return self;
    }

    private void observeLeader() {
        String now = leader();
        if (now != null && !now.equals(observedLeader)) {
            observedSince = clock.instant();
        }
        observedLeader = now;
    }

    private Map<String, ClusterJson.AgentDoc> agentDocs() {
        Map<String, ClusterJson.AgentDoc> out = new java.util.TreeMap<>();
        agents.stream().filter(d -> isChild(d.getPath(), layout.agents())).forEach(d -> {
            String name = ZKPaths.getNodeFromPath(d.getPath());
            decode(d).ifPresent(doc -> out.put(name, doc));
        });
        return out;
    }

    private Optional<ClusterJson.AgentDoc> decode(ChildData d) {
        try {
            return Optional.of(ClusterJson.decodeAgent(d.getData()));
        } catch (IllegalArgumentException e) {
            long version = d.getStat() == null ? -1 : d.getStat().getMzxid();
            if (!Long.valueOf(version).equals(warned.put(d.getPath(), version))) {
                LOG.warn("Ignoring unreadable agent registration at {}: {}", d.getPath(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static boolean isChild(String path, String parent) {
        return path.startsWith(parent + "/") && path.indexOf('/', parent.length() + 1) < 0;
    }
}
