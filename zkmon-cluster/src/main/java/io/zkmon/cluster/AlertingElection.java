package io.zkmon.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election for the alerting lock, with Curator {@code LeaderLatch}'s node naming: every candidate owns an
 * ephemeral sequential node {@code _c_<uuid>-latch-<seq>} under {@code locks/alerter} (data: its agent name), and the
 * lowest sequence that {@link LockCandidates counts} leads. Three rules on top of {@code LeaderLatch}'s, because the
 * lock's znodes may have been written by anyone with ZooKeeper access:
 * <ol>
 *   <li>Only candidates that {@link LockCandidates} accepts count: a forged or persistent node never outranks a real
 *       agent; each ignored node gets one WARN.</li>
 *   <li>A live kazoo Semaphore lease of the old {@code zk_monitor} daemon means it sends: no zkmon agent leads while one
 *       exists.</li>
 *   <li>An agent first in line does not start while another registered agent still says it sends ({@code
 *       leading_since}): that happens when someone deleted that agent's lock node while its session lives. It waits until
 *       that agent withdraws the claim (it notices within moments, because it watches its own node), leaves, or at most
 *       the lease that agent announced, after which it cannot be sending any more. Two senders at once never happen.</li>
 * </ol>
 *
 * <p>Written here rather than using {@code LeaderLatch} because {@code LeaderLatch} creates its node with the ACL
 * provider of the Curator client, which belongs to the embedder; the cluster's lock nodes carry the cluster's ACL. Only
 * one-shot watches are used, which every ZooKeeper server from 3.4 on has. A candidate is created holding kazoo's
 * mutex beside the old daemon's Semaphore ({@link LegacyMutex}), so that an old agent and a zkmon agent joining at the same
 * moment cannot both find the lock free.
 *
 * <p>All work runs on the cluster's single control thread ({@link #check()} is only ever called there).
 */
final class AlertingElection {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingElection.class);

    /** More children than this under {@code locks/alerter} is a flood: not read (one reply could not hold them). */
    static final int MAX_LOCK_CHILDREN = 1_000;

    /** Told the outcome of every check, on the control thread. */
    interface Listener {
        /**
         * This agent leads.
         *
         * @param lockNode      its lock node (the fence for state writes)
         * @param sessionId     the session that owns it
         * @param confirmedNanos {@link System#nanoTime()} just before the read that proved the node exists in that
         *                       session: the session lives on the server until at least a session timeout after it
         */
        void leading(String lockNode, long sessionId, long confirmedNanos);

        /** This agent does not lead (or can no longer tell), and why. */
        void following(String why);
    }

    private final CuratorFramework client;
    private final String dir;
    private final String agentsDir;
    private final String self;
    private final byte[] id;
    private final List<ACL> acl;
    private final ScheduledExecutorService control;
    private final Listener listener;
    private final Supplier<Map<String, LockCandidates.Registration>> registrations;
    private final LongSupplier defaultLeaseMillis;
    private final java.util.function.BooleanSupplier registered;
    private final Watcher recheckWatcher;
    private final LegacyMutex legacyMutex;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile String ourNode;
    private volatile String legacyHolder;
    private volatile boolean closed;
    /** The claim of another agent this one waits for, and since when ({@link System#nanoTime()}). */
    private String awaitedClaim;
    private long awaitedSince;

    /**
     * @param registrations      the registrations under {@code agents/} as this agent's view has them (for claims)
     * @param defaultLeaseMillis the lease to assume for an agent that announced none
     * @param registered         whether this agent's registration exists in the current session (it joins only then)
     */
    AlertingElection(CuratorFramework client, ClusterLayout layout, String agentName, List<ACL> acl, ScheduledExecutorService control,
                     Listener listener, Supplier<Map<String, LockCandidates.Registration>> registrations, LongSupplier defaultLeaseMillis,
                     java.util.function.BooleanSupplier registered) {
        this.client = client;
        this.dir = layout.alerterLock();
        this.agentsDir = layout.agents();
        this.self = agentName;
        this.id = agentName.getBytes(StandardCharsets.UTF_8);
        this.acl = acl;
        this.control = control;
        this.listener = listener;
        this.registrations = registrations;
        this.defaultLeaseMillis = defaultLeaseMillis;
        this.registered = registered;
        this.legacyMutex = new LegacyMutex(client, layout.alerterMutex(), agentName, acl);
        this.recheckWatcher = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                recheck();
            }
        };
    }

    /** Asks for a check on the control thread (a lock or agent node changed, a reconnection, a lost lock node). */
    void recheck() {
        if (!closed) {
            try {
                control.execute(this::check);
            } catch (RuntimeException e) {
                LOG.debug("Not checking the alerting election: the cluster is stopping");
            }
        }
    }

    /** The old zk_monitor agent holding the lock as last seen, or null. */
    String legacyHolder() {
        return legacyHolder;
    }

    /** Joins the election if not yet a candidate, then learns whether this agent leads. Control thread only. */
    void check() {
        if (closed) {
            return;
        }
        try {
            long session = Znodes.sessionId(client);
            if (ourNode != null) {
                Stat st = client.checkExists().forPath(ourNode);
                if (st == null || st.getEphemeralOwner() != session) {
                    if (st != null) {
                        // a node of an earlier session of ours that the server has not expired yet: it must not lead
                        LOG.info("Removing lock node {} of an earlier session", ourNode);
                        deleteQuietly(ourNode);
                    } else {
                        LOG.info("Lock node {} vanished; joining the election again", ourNode);
                    }
                    ourNode = null;
                    listener.following("its alerting lock node vanished");
                }
            }
            if (ourNode == null) {
                if (!registered.getAsBoolean()) {
                    // a candidate counts only with a registration of the same session: register first (the reconcile does)
                    listener.following("it is not registered under agents/ yet");
                    return;
                }
                listener.following("it is joining the alerting election");
                // under the old daemon's mutex: a zk_monitor agent counting leases either sees this candidate (and takes
                // no lease) or has made its lease before the read below finds it
                ourNode = legacyMutex.holding(this::join);
                LOG.debug("Joined the alerting election as {}", ourNode);
            }
            LockCandidates.Result result = read();
            if (result == null) {
                listener.following("the alerting lock " + dir + " holds more than " + MAX_LOCK_CHILDREN + " nodes");
                return;
            }
            warnIgnored(result);
            if (result.legacy() != null) {
                String holder = result.legacy().data();
                if (!holder.equals(legacyHolder)) {
                    LOG.warn("Alerting is held by a zk_monitor agent ({}) through its lease {}/{}; no zkmon agent sends until it is gone",
                            ClusterLayout.printable(holder), dir, result.legacy().name());
                }
                legacyHolder = holder;
                listener.following("alerting is held by a zk_monitor agent (" + ClusterLayout.printable(holder) + ")");
                watch(ZKPaths.makePath(dir, result.legacy().name()));
                return;
            }
            if (legacyHolder != null) {
                LOG.info("The zk_monitor agent {} no longer holds alerting", ClusterLayout.printable(legacyHolder));
                legacyHolder = null;
            }
            String ours = ZKPaths.getNodeFromPath(ourNode);
            int at = indexOf(result.candidates(), ours);
            if (at < 0) {
                // our own node does not count yet: the registration is not (yet) in this session
                listener.following("its registration under agents/ is not in place");
                return;
            }
            if (at > 0) {
                awaitedClaim = null;
                listener.following("another agent holds the alerting lock");
                watch(ZKPaths.makePath(dir, result.candidates().get(at - 1).name()));
                return;
            }
            if (stillClaimed()) {
                return;
            }
            long before = System.nanoTime();
            Stat st = client.checkExists().usingWatcher(recheckWatcher).forPath(ourNode);
            if (st == null || st.getEphemeralOwner() != session || session == 0) {
                listener.following("its alerting lock node is not owned by its current session");
                recheck();
                return;
            }
            listener.leading(ourNode, session, before);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            listener.following("the alerting election cannot be checked");
            if (closed) {
                return;
            }
            if (Znodes.isConnectionProblem(e)) {
                LOG.info("Alerting election paused: {}", Znodes.explain(e, "cannot reach ZooKeeper"));
            } else {
                LOG.error(Znodes.explain(e, "Cannot take part in the alerting election at " + dir) + "; retrying");
            }
            // a reconnection or the periodic check tries again
        }
    }

    /**
     * True while another registered agent still says it sends; then this agent waits (and says so), at most for the
     * lease that agent announced, counted from when this agent first found itself first in line.
     */
    private boolean stillClaimed() throws Exception {
        LockCandidates.Registration claim = null;
        for (LockCandidates.Registration r : registrations.get().values()) {
            if (r.zkmon() && r.leadingSince() != null && !r.name().equals(self) && r.ephemeralOwner() != 0) {
                claim = fresh(r);
                if (claim != null) {
                    break;
                }
            }
        }
        if (claim == null) {
            awaitedClaim = null;
            return false;
        }
        String key = claim.name() + "@" + Long.toHexString(claim.ephemeralOwner()) + "@" + claim.leadingSince();
        long now = System.nanoTime();
        if (!key.equals(awaitedClaim)) {
            awaitedClaim = key;
            awaitedSince = now;
        }
        long bound = TimeUnit.MILLISECONDS.toNanos(claim.leaseMillis() > 0 ? claim.leaseMillis() : defaultLeaseMillis.getAsLong());
        long waited = now - awaitedSince;
        if (waited >= bound) {
            if (warned.add("claim:" + key)) {
                LOG.warn("Agent {} still says it sends alerts {} ms after this agent became first in line; its lease is over, so it "
                        + "cannot be sending: taking over", ClusterLayout.printable(claim.name()), TimeUnit.NANOSECONDS.toMillis(waited));
            }
            return false;
        }
        listener.following("agent " + ClusterLayout.printable(claim.name()) + " still says it sends; waiting for it to stop (at most "
                + TimeUnit.NANOSECONDS.toMillis(bound - waited) + " ms)");
        if (warned.add("wait:" + key)) {
            LOG.info("First in line for the alerting lock, but agent {} still says it sends (its lock node was removed while its session "
                    + "lives?); waiting for it to stop", ClusterLayout.printable(claim.name()));
        }
        control.schedule(this::check, bound - waited + TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.NANOSECONDS);
        return true;
    }

    /** A claim as ZooKeeper has it now (the view may lag behind a registration just deleted or rewritten), or null. */
    private LockCandidates.Registration fresh(LockCandidates.Registration seen) throws Exception {
        String path = ZKPaths.makePath(agentsDir, seen.name());
        Stat st = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(st).usingWatcher(recheckWatcher).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
        LockCandidates.Registration now = ClusterJson.registration(seen.name(), st, data);
        return now.zkmon() && now.leadingSince() != null && now.ephemeralOwner() != 0 ? now : null;
    }

    /** Reads the lock's children and the registrations they name, straight from ZooKeeper; null when flooded. */
    private LockCandidates.Result read() throws Exception {
        Stat dirStat = client.checkExists().forPath(dir);
        if (dirStat == null) {
            return new LockCandidates.Result(List.of(), null, List.of());
        }
        if (dirStat.getNumChildren() > MAX_LOCK_CHILDREN) {
            if (warned.add("flood:" + dirStat.getNumChildren() / 100)) {
                LOG.error("{} holds {} nodes, more than the {} a lock may have: someone with write access to ZooKeeper is flooding it, "
                        + "and no agent can take the alerting lock until they are removed (see docs/security.md)", dir,
                        dirStat.getNumChildren(), MAX_LOCK_CHILDREN);
            }
            return null;
        }
        List<LockCandidates.Node> nodes = new ArrayList<>();
        Map<String, LockCandidates.Registration> named = new HashMap<>();
        for (String child : client.getChildren().usingWatcher(recheckWatcher).forPath(dir)) {
            String path = ZKPaths.makePath(dir, child);
            Stat st = client.checkExists().forPath(path);
            if (st == null) {
                continue;
            }
            String data = "";
            if (st.getDataLength() <= ClusterLayout.MAX_NAME_BYTES) {
                try {
                    byte[] bytes = client.getData().storingStatIn(st).forPath(path);
                    data = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
                } catch (KeeperException.NoNodeException e) {
                    continue;
                }
            }
            nodes.add(new LockCandidates.Node(child, st.getEphemeralOwner(), data));
            if (!data.isEmpty() && !named.containsKey(data) && ClusterLayout.isName(data)) {
                Stat agent = client.checkExists().forPath(ZKPaths.makePath(agentsDir, data));
                if (agent != null) {
                    named.put(data, new LockCandidates.Registration(data, agent.getEphemeralOwner(), false, null, 0));
                }
            }
        }
        return LockCandidates.of(nodes, named);
    }

    private void warnIgnored(LockCandidates.Result result) {
        for (LockCandidates.Ignored i : result.ignored()) {
            if (warned.add("node:" + i.node())) {
                LOG.warn("Ignoring {}/{} in the alerting election: {}. Someone with write access to ZooKeeper may have written it "
                        + "(see docs/security.md)", dir, ClusterLayout.printable(i.node()), i.why());
            }
        }
    }

    private void watch(String path) throws Exception {
        if (client.checkExists().usingWatcher(recheckWatcher).forPath(path) == null) {
            recheck();
        }
    }

    private static int indexOf(List<LockCandidates.Node> candidates, String name) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Creates this agent's candidate node, {@code _c_<uuid>-latch-<seq>} as Curator's protected mode names it, and makes
     * sure it is the only one of this session: a create whose answer was lost (and so was sent again) may have left a
     * node that would otherwise stand in line before the one this agent knows.
     */
    private String join() throws Exception {
        String uuid = java.util.UUID.randomUUID().toString();
        String path = ZKPaths.makePath(dir, "_c_" + uuid + "-" + ClusterLayout.LATCH_PREFIX);
        String created = null;
        try {
            created = Znodes.create(client, path, id, acl, CreateMode.EPHEMERAL_SEQUENTIAL);
        } catch (KeeperException.NoNodeException e) {
            Znodes.ensure(client, dir, acl);
            created = Znodes.create(client, path, id, acl, CreateMode.EPHEMERAL_SEQUENTIAL);
        } catch (Exception e) {
            if (!Znodes.isConnectionProblem(e)) {
                throw e;
            }
            // the answer may have been lost after the node was made: find it below
        }
        long session = Znodes.sessionId(client);
        for (String child : client.getChildren().forPath(dir)) {
            String node = ZKPaths.makePath(dir, child);
            if (child.contains(uuid) && !node.equals(created)) {
                if (created == null) {
                    created = node;
                } else {
                    deleteQuietly(node);
                }
            } else if (!node.equals(created) && !node.equals(ourNode) && ClusterLayout.sequence(child) >= 0) {
                Stat st = client.checkExists().forPath(node);
                if (st != null && st.getEphemeralOwner() == session && session != 0) {
                    LOG.info("Removing {}, an earlier candidate node of this agent's session", node);
                    deleteQuietly(node);
                }
            }
        }
        if (created == null) {
            throw KeeperException.create(KeeperException.Code.CONNECTIONLOSS, path);
        }
        return created;
    }

    /** The node currently owned as a candidate, or null. */
    String ourNode() {
        return ourNode;
    }

    /** Stops taking part: no more checks. The caller deletes the node (together with the registration). */
    void close() {
        closed = true;
        // the one-shot watches left on the server fire at most once more and are ignored: removing them would need
        // removeWatches, which a 3.4 server does not know (it drops the connection)
    }

    private void deleteQuietly(String node) {
        try {
            client.delete().guaranteed().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            LOG.debug("{} was gone already", node);
        } catch (Exception e) {
            LOG.debug("Could not delete {}: {}", node, e.toString());
        }
    }
}
