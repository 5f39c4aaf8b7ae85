package io.zkmon.core;

import java.time.Instant;
import java.util.List;

/**
 * The agents of a zkmon cluster as this agent sees them. The cluster module keeps it from ZooKeeper; a single agent
 * uses {@link #single}.
 */
public interface ClusterView {

    /** Live agents, sorted by name. */
    List<Agent> agents();

    /** The name of the agent that sends alerts, or null when none does right now. */
    String leader();

    /** Since when the current leader leads (as far as this agent knows), or null. */
    Instant leaderSince();

    /** This agent's name. */
    String self();

    /**
     * The name of an old {@code zk_monitor} agent that holds the cluster's alerter lock (its kazoo Semaphore lease),
     * or null. While one does, no zkmon agent sends.
     */
    default String legacySender() {
        return null;
    }

    /** True when the cluster's znodes are protected by ACLs (digest credentials); false for open ACLs. */
    default boolean secured() {
        return false;
    }

    /**
     * True when this agent leads, or would be the next to lead if the sender went away: the one agent that reports a
     * cluster without a sender. The default: the leader when a live agent leads; otherwise (nobody leads, or what holds
     * the lock is no live agent) the first live agent by name, or this one when it sees none, since several agents
     * reporting a cluster without a sender is better than none.
     */
    default boolean nextInLine() {
        String leader = leader();
        List<Agent> live = agents();
        if (leader != null && live.stream().anyMatch(a -> a.name().equals(leader))) {
            return self().equals(leader);
        }
        return live.stream().map(Agent::name).min(java.util.Comparator.naturalOrder()).map(self()::equals).orElse(true);
    }

    /**
     * Alert-state writes this agent refused because the encoded state was larger than a znode may hold; each is also
     * logged at ERROR, and the path's stored state is removed instead, so a new sender starts it from scratch.
     */
    default long oversizedStateWrites() {
        return 0;
    }

    /**
     * One agent.
     *
     * @param name      unique name ({@code host-pid})
     * @param host      host name
     * @param pid       process id
     * @param version   zkmon version
     * @param startedAt when it started
     * @param httpPort  its HTTP port, or 0 when it serves none
     */
    record Agent(String name, String host, long pid, String version, Instant startedAt, int httpPort) {
    }

    /** A cluster of one agent that always leads. */
    static ClusterView single(Agent self) {
        Instant since = self.startedAt();
        return new ClusterView() {
            @Override
            public List<Agent> agents() {
                return List.of(self);
            }

            @Override
            public String leader() {
                return self.name();
            }

            @Override
            public Instant leaderSince() {
                return since;
            }

            @Override
            public String self() {
                return self.name();
            }
        };
    }
}
