package io.zkmon.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Who may hold the alerting lock, decided from what is under {@code locks/alerter} and {@code agents/}: the one rule
 * that the election and every agent's view of the cluster apply, so that all agents agree and a node anyone could
 * have written never counts. Pure: the caller reads ZooKeeper.
 *
 * <ul>
 *   <li>A <b>zkmon candidate</b> ({@code _c_<uuid>-latch-<seq>}) counts only when it is ephemeral and its session also
 *       owns the registration {@code agents/<its data>}. A persistent node shaped like a lock child, or one from a session
 *       that registered no agent of that name, is ignored.</li>
 *   <li>A <b>kazoo Semaphore lease</b> ({@code <uuid4 hex>}, written by the old {@code zk_monitor} daemon, data: its agent
 *       name) means the old daemon sends, under the same rule: ephemeral, and its session owns {@code agents/<name>} (the
 *       old daemon registers there from the same session before it takes the lease). While one counts, no zkmon agent
 *       sends.</li>
 *   <li>Anything else is not a candidate.</li>
 * </ul>
 */
final class LockCandidates {

    /** A child of {@code locks/alerter}: its name, the session owning it (0 for a persistent node), its data as text. */
    record Node(String name, long ephemeralOwner, String data) {
    }

    /**
     * A child of {@code agents/}.
     *
     * @param name           the node's name
     * @param ephemeralOwner the session owning it (0 for a persistent node)
     * @param zkmon          a zkmon registration (else an old zk_monitor agent's, or unreadable)
     * @param leadingSince   while a zkmon agent says it sends: since when; else null
     * @param leaseMillis    how long that agent may send after it last proved its lock (0 when unknown)
     */
    record Registration(String name, long ephemeralOwner, boolean zkmon, Instant leadingSince, long leaseMillis) {
    }

    /** A node that does not count, and why (for one WARN each). */
    record Ignored(String node, String why) {
    }

    /**
     * The outcome.
     *
     * @param candidates zkmon candidates that count, lowest sequence (the one that may lead) first
     * @param legacy     a lease of the old daemon that counts, or null
     * @param ignored    nodes that do not count
     */
    record Result(List<Node> candidates, Node legacy, List<Ignored> ignored) {

        /** The zkmon candidate first in line, or null. */
        Node first() {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
    }

    private LockCandidates() {
    }

    static Result of(Collection<Node> lockChildren, Map<String, Registration> agents) {
        List<Node> candidates = new ArrayList<>();
        List<Node> leases = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        for (Node n : lockChildren) {
            boolean latch = ClusterLayout.sequence(n.name()) >= 0;
            boolean lease = !latch && ClusterLayout.isLegacyLease(n.name());
            if (!latch && !lease) {
                ignored.add(new Ignored(n.name(), "it is neither a zkmon lock candidate (_c_<uuid>-latch-<seq>) nor a zk_monitor lease "
                        + "(<uuid4 hex>)"));
                continue;
            }
            String why = problem(n, agents);
            if (why != null) {
                ignored.add(new Ignored(n.name(), why));
            } else if (latch) {
                candidates.add(n);
            } else {
                leases.add(n);
            }
        }
        candidates.sort(Comparator.comparingLong(n -> ClusterLayout.sequence(n.name())));
        leases.sort(Comparator.comparing(Node::name));
        return new Result(List.copyOf(candidates), leases.isEmpty() ? null : leases.get(0), List.copyOf(ignored));
    }

    private static String problem(Node n, Map<String, Registration> agents) {
        if (n.ephemeralOwner() == 0) {
            return "it is a persistent node, so no agent's session owns it";
        }
        if (n.data() == null || n.data().isEmpty()) {
            return "it names no agent";
        }
        Registration r = agents.get(n.data());
        if (r == null) {
            return "it names agent '" + ClusterLayout.printable(n.data()) + "', which is not registered under agents/";
        }
        if (r.ephemeralOwner() != n.ephemeralOwner()) {
            return "its session (0x" + Long.toHexString(n.ephemeralOwner()) + ") is not the one that registered agent '"
                    + ClusterLayout.printable(n.data()) + "'";
        }
        return null;
    }
}
