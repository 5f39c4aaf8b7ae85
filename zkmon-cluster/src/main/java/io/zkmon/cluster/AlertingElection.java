package io.zkmon.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election for the alerting lock, with Curator {@code LeaderLatch}'s algorithm: every candidate owns an
 * ephemeral sequential node {@code _c_<uuid>-latch-<seq>} under {@code locks/alerter} (data: its agent name); the
 * lowest sequence leads, and each other candidate watches only the one just before it.
 *
 * <p>Written here rather than using {@code LeaderLatch} itself because {@code LeaderLatch} creates its node with the
 * ACL provider of the Curator client, which belongs to the embedder; the cluster's lock nodes must carry the
 * cluster's own ACL (creator-only when secured). The node naming is {@code LeaderLatch}'s, so tools that read
 * latches read this one.
 *
 * <p>All work runs on the cluster's single control thread ({@link #check()} is only ever called there).
 */
final class AlertingElection {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingElection.class);

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

    private final WatcherRemoveCuratorFramework client;
    private final String dir;
    private final byte[] id;
    private final List<ACL> acl;
    private final Executor control;
    private final Listener listener;
    private final Watcher predecessorGone;
    private volatile String ourNode;
    private volatile boolean closed;

    AlertingElection(CuratorFramework client, String dir, String agentName, List<ACL> acl, Executor control, Listener listener) {
        this.client = client.newWatcherRemoveCuratorFramework();
        this.dir = dir;
        this.id = agentName.getBytes(StandardCharsets.UTF_8);
        this.acl = acl;
        this.control = control;
        this.listener = listener;
        this.predecessorGone = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                recheck();
            }
        };
    }

    /** Asks for a check on the control thread (after a reconnection, a lost lock node, a predecessor gone). */
    void recheck() {
        if (!closed) {
            try {
                control.execute(this::check);
            } catch (RuntimeException e) {
                // the control thread is shutting down
            }
        }
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
                    }
                    ourNode = null;
                }
            }
            if (ourNode == null) {
                listener.following("it is joining the alerting election again");
                ourNode = join();
                LOG.debug("Joined the alerting election as {}", ourNode);
            }
            List<String> candidates = sorted(client.getChildren().forPath(dir));
            int at = candidates.indexOf(ZKPaths.getNodeFromPath(ourNode));
            if (at < 0) {
                LOG.info("Lock node {} vanished; joining the election again", ourNode);
                ourNode = null;
                listener.following("its alerting lock node vanished");
                recheck();
                return;
            }
            if (at == 0) {
                long before = System.nanoTime();
                Stat st = client.checkExists().forPath(ourNode);
                if (st == null || st.getEphemeralOwner() != session || session == 0) {
                    listener.following("its alerting lock node is not owned by its current session");
                    recheck();
                    return;
                }
                listener.leading(ourNode, session, before);
                return;
            }
            listener.following("another agent holds the alerting lock");
            String predecessor = ZKPaths.makePath(dir, candidates.get(at - 1));
            if (client.checkExists().usingWatcher(predecessorGone).forPath(predecessor) == null) {
                recheck();
            }
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

    private String join() throws Exception {
        String path = ZKPaths.makePath(dir, ClusterLayout.LATCH_PREFIX);
        try {
            return client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).withACL(acl).forPath(path, id);
        } catch (KeeperException.NoNodeException e) {
            Znodes.ensure(client, dir, acl);
            return client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).withACL(acl).forPath(path, id);
        }
    }

    /** The node currently owned as a candidate, or null. */
    String ourNode() {
        return ourNode;
    }

    /**
     * Leaves the election: deletes the lock node (guaranteed: retried in the background while the client lives, so a
     * closed agent never keeps the lock) and removes the watcher.
     *
     * @return completes when the node is deleted
     */
    CompletableFuture<Void> close(String node) {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.removeWatchers();
        } catch (RuntimeException e) {
            // closed client
        }
        if (node == null) {
            done.complete(null);
            return done;
        }
        try {
            client.delete().guaranteed().inBackground((c, e) -> done.complete(null)).forPath(node);
        } catch (Exception e) {
            done.complete(null);
        }
        return done;
    }

    private void deleteQuietly(String node) {
        try {
            client.delete().guaranteed().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            // gone already
        } catch (Exception e) {
            LOG.debug("Could not delete {}: {}", node, e.toString());
        }
    }

    /** Candidates by sequence number; nodes that are not candidates are left out. */
    static List<String> sorted(List<String> children) {
        List<String> out = new ArrayList<>();
        for (String c : children) {
            if (ClusterLayout.sequence(c) >= 0) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(ClusterLayout::sequence));
        return out;
    }
}
