package io.zkmon.cluster;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's ephemeral node {@code agents/<name>}. {@link #check()} (control thread only) creates it when missing
 * (first start, a new session after expiry, someone deleted it) and rewrites its data when it changed. A node of the
 * same name owned by another session is never touched: it is another agent with the same name, or this agent's
 * previous session that the server has not expired yet; the agent waits for it to go.
 */
final class AgentRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistration.class);

    private final CuratorFramework client;
    private final String node;
    private final List<ACL> acl;
    private final ClusterJson.AgentDoc base;
    private volatile Instant leadingSince;
    private volatile Long leaseMillis;
    private volatile boolean dirty;
    private volatile long registeredSession;
    private long warnedOwner;
    private volatile boolean closed;

    AgentRegistration(CuratorFramework client, String node, List<ACL> acl, ClusterJson.AgentDoc doc) {
        this.client = client;
        this.node = node;
        this.acl = acl;
        this.base = doc;
    }

    /**
     * Records whether this agent leads (shown to the others as {@code leading_since}, with the lease that bounds how long
     * it may go on sending); written by the next check.
     */
    void leadingSince(Instant since, long leaseMillis) {
        this.leadingSince = since;
        this.leaseMillis = since == null ? null : leaseMillis;
        this.dirty = true;
    }

    /** True once the node exists in the current session. */
    boolean registered() {
        long s = registeredSession;
        return s != 0 && s == Znodes.sessionId(client);
    }

    /** Makes the node exist, with current data, in this session. */
    void check() {
        if (closed) {
            return;
        }
        try {
            long session = Znodes.sessionId(client);
            Stat st = client.checkExists().forPath(node);
            if (st == null) {
                byte[] data = data();
                Znodes.create(client, node, data, acl, CreateMode.EPHEMERAL);
                registeredSession = session;
                warnedOwner = 0;
                LOG.info("Registered this agent at {}", node);
            } else if (st.getEphemeralOwner() == session) {
                registeredSession = session;
                if (dirty) {
                    dirty = false;
                    client.setData().forPath(node, data());
                }
            } else if (warnedOwner != st.getEphemeralOwner()) {
                warnedOwner = st.getEphemeralOwner();
                LOG.warn("{} is held by another ZooKeeper session (0x{}): another agent with the same name, or this agent's previous "
                        + "session that ZooKeeper has not expired yet. Waiting for it to go; give each agent a unique name if this "
                        + "persists", node, Long.toHexString(warnedOwner));
            }
        } catch (KeeperException.NodeExistsException e) {
            LOG.debug("{} appeared meanwhile; checking again later", node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closed) {
                if (Znodes.isConnectionProblem(e)) {
                    LOG.debug(Znodes.explain(e, "Cannot register " + node));
                } else {
                    LOG.error(Znodes.explain(e, "Cannot register this agent at " + node) + "; retrying");
                }
            }
        }
    }

    private byte[] data() {
        dirty = false;
        return ClusterJson.encodeAgent(new ClusterJson.AgentDoc(base.host(), base.pid(), base.version(), base.startedAt(), base.httpPort(),
                leadingSince, leaseMillis));
    }

    /**
     * Stops registering; deletes the node if this session owns it (guaranteed: retried in the background while the
     * client lives), unless the caller deleted it already.
     *
     * @return completes when deleted (or when there was nothing to delete)
     */
    CompletableFuture<Void> close(boolean deleted) {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (deleted || !registered()) {
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
}
