package io.zkmon.cluster;

import io.zkmon.core.ClusterView;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the parts of a {@link ZkCluster} and runs them in order: caches and the state writer start first; the
 * registration, the ACL check (secured mode) and the election run on one control thread, again after every
 * reconnection and every 10 s as a safety net. Leaving stops sending first, then flushes state, then deletes the lock
 * node and the registration together, so the next agent starts at once.
 */
final class ZkClusterImpl implements ZkCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ZkClusterImpl.class);
    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(2);
    private static final long STATE_READ_TIMEOUT_MILLIS = 30_000;
    private static final long RECONCILE_SECONDS = 10;

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final String agentName;
    private final String clusterName;
    private final boolean secured;
    private final List<ACL> acl;
    private final Clock clock;
    private final String version;
    private final int httpPort;
    private final Consumer<String> onRefusal;
    private final ScheduledExecutorService control;
    private final StateWriter writer;
    private final ZkAlertStateStore store;
    private final LeaderPermission permission;
    private final AlertingElection election;
    private final ZkSilenceStore silences;
    private final ZkClusterView view;
    private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);
    private volatile AgentRegistration registration;
    private boolean structureReady;
    private boolean aclChecked;
    private volatile String refusal;
    private boolean started;
    private boolean left;
    private volatile boolean closed;

    ZkClusterImpl(Builder b, ClusterLayout layout, String agentName) {
        this.client = b.client;
        this.layout = layout;
        this.agentName = agentName;
        this.clusterName = b.clusterName;
        this.secured = b.secured;
        this.acl = Znodes.acl(b.secured);
        this.clock = b.clock;
        this.version = b.version;
        this.httpPort = b.httpPort;
        this.onRefusal = b.onRefusal;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zkmon-cluster-" + agentName);
            t.setDaemon(true);
            return t;
        });
        AtomicLong oversized = new AtomicLong();
        this.writer = new StateWriter(client, acl, agentName);
        this.store = new ZkAlertStateStore(client, layout, writer, agentName, clock, STATE_READ_TIMEOUT_MILLIS,
                ZkAlertStateStore.defaultMaxStateBytes(), oversized);
        this.permission = new LeaderPermission(client, store::prepare, control, System::nanoTime, clock, this::leadershipChanged,
                this::electionRecheck);
        this.view = new ZkClusterView(client, layout, agentName, secured, oversized);
        this.election = new AlertingElection(client, layout, agentName, acl, control, permission, view::registrations,
                permission::sessionTimeoutMillis, () -> registration != null && registration.registered());
        this.silences = new ZkSilenceStore(client, layout, acl, clock, agentName);
    }

    @Override
    public synchronized ZkCluster start() {
        if (closed || left) {
            throw new IllegalStateException("this cluster membership is closed; build a new one");
        }
        if (started) {
            return this;
        }
        if (client.getState() != CuratorFrameworkState.STARTED) {
            throw new IllegalStateException("the Curator client handed to the cluster must be started (client.start())");
        }
        started = true;
        registration = new AgentRegistration(client, layout.agent(agentName), acl,
                new ClusterJson.AgentDoc(ZkCluster.Builder.hostName(), ProcessHandle.current().pid(), version, clock.instant(), httpPort, null));
        writer.start();
        view.onAgentGone(name -> {
            if (name.equals(agentName)) {
                onControl(registration::check);
            }
        });
        view.onChange(election::recheck);
        view.start();
        silences.start();
        client.getConnectionStateListenable().addListener(connectionListener);
        permission.connected(client.getZookeeperClient().isConnected());
        onControl(this::reconcile);
        control.scheduleWithFixedDelay(this::periodic, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
        scheduleRenewal();
        if (secured) {
            LOG.info("Agent {} joining zkmon cluster {} (creator-only ACLs; checking the ACLs in place)", agentName, layout.base());
        } else {
            LOG.info("Agent {} joining zkmon cluster {}", agentName, layout.base());
            AclGuard.warnOpen(layout);
        }
        return this;
    }

    /** Creates the layout if needed, then makes sure this agent is registered, its ACLs right, and a candidate. Control thread. */
    private void reconcile() {
        if (closed || left || refusal != null) {
            return;
        }
        if (!structureReady) {
            try {
                for (String p : List.of(layout.agents(), layout.alerterLock(), layout.state(), layout.silences())) {
                    Znodes.ensure(client, p, acl);
                }
                structureReady = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (Znodes.isConnectionProblem(e)) {
                    LOG.info(Znodes.explain(e, "Cannot create the cluster's znodes under " + layout.base()));
                } else if (secured && e instanceof KeeperException.NoAuthException na) {
                    refuse("cannot create the cluster's znodes: " + na.getPath() + " (or its parent) belongs to other credentials. Give "
                            + "every agent the credentials that created it, or remove it with those credentials");
                } else {
                    LOG.error(Znodes.explain(e, "Cannot create the cluster's znodes under " + layout.base()) + "; retrying every "
                            + RECONCILE_SECONDS + " s");
                }
                return;
            }
        }
        registration.check();
        if (secured && !aclChecked && !checkAcls()) {
            return;
        }
        election.check();
    }

    /** Secured mode, once per start: the real ACLs; false when the agent must wait (not registered yet) or refuses. */
    private boolean checkAcls() {
        if (!registration.registered()) {
            return false; // its node, whose ACL names this agent's credentials, is not there yet
        }
        try {
            String why = AclGuard.check(client, layout, layout.agent(agentName));
            if (why != null) {
                refuse(why);
                return false;
            }
            aclChecked = true;
            LOG.info("The ACLs of the cluster's znodes under {} are creator-only for this cluster's credentials", layout.base());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn(Znodes.explain(e, "Cannot check the ACLs under " + layout.base()) + "; trying again");
            return false;
        }
    }

    private void refuse(String why) {
        refusal = why;
        LOG.error("This agent refuses to run in zkmon cluster {}: {}", layout.base(), why);
        permission.close();
        election.close();
        registration.close(false);
        try {
            onRefusal.accept(why);
        } catch (RuntimeException e) {
            LOG.error("The refusal callback failed", e);
        }
    }

    /** Every 10 s: the safety net (lists read again, the election checked) and, on the sender, removing ended silences. */
    private void periodic() {
        if (closed || left) {
            return;
        }
        view.refresh();
        silences.refresh();
        if (permission.isPermitted()) {
            silences.prune();
        }
        reconcile();
    }

    private void connectionChanged(ConnectionState state) {
        permission.connectionChanged(state);
        if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
            onControl(this::reconcile);
        }
    }

    private void leadershipChanged(Instant since) {
        AgentRegistration r = registration;
        if (r != null) {
            r.leadingSince(since, permission.leaseMillis());
            r.check();
        }
    }

    private void electionRecheck() {
        election.recheck();
    }

    private void scheduleRenewal() {
        try {
            control.schedule(() -> {
                if (!closed && !left) {
                    permission.renew();
                    scheduleRenewal();
                }
            }, permission.renewIntervalNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not renewing the alerting lease: the cluster is stopping");
        }
    }

    private void onControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not running cluster work: the cluster is stopping");
        }
    }

    @Override
    public SendPermission sendPermission() {
        return permission;
    }

    @Override
    public AlertStateStore alertStateStore() {
        return store;
    }

    @Override
    public SilenceStore silenceStore() {
        return silences;
    }

    @Override
    public ClusterView clusterView() {
        return view;
    }

    @Override
    public boolean alertingLeader() {
        return permission.isPermitted();
    }

    @Override
    public String agentName() {
        return agentName;
    }

    @Override
    public String clusterName() {
        return clusterName;
    }

    /** This agent's lock node, or null (for tests and diagnostics). */
    String lockNode() {
        return election.ourNode();
    }

    /** Alert state changes not yet written to ZooKeeper (for tests and diagnostics). */
    int stateBacklog() {
        return writer.backlog();
    }

    @Override
    public String basePath() {
        return layout.base();
    }

    @Override
    public boolean leave(Duration within) {
        synchronized (this) {
            if (left) {
                return true;
            }
            left = true;
        }
        long deadline = System.nanoTime() + within.toNanos();
        boolean leading = permission.fence() != null;
        permission.close(); // not one more send from here on
        election.close();
        if (!started) {
            control.shutdownNow();
            return true;
        }
        boolean inTime = true;
        try {
            // what the dispatcher decided while leading must reach ZooKeeper before the lock goes
            if (client.getZookeeperClient().isConnected() && !writer.awaitIdle(deadline - within.toNanos() / 4)) {
                LOG.warn("{} alert state change(s) not yet written when leaving; the next sender repeats what they would have confirmed",
                        writer.backlog());
                inTime = false;
            }
            control.shutdownNow();
            control.awaitTermination(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        CompletableFuture<Void> released = release(election.ourNode());
        if (client.getZookeeperClient().isConnected()) {
            try {
                released.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("Leaving the cluster took longer than {} ms; the lock and registration are removed in the background",
                        within.toMillis());
                inTime = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("Leaving the cluster: {}", e.toString());
            }
        }
        LOG.info("Agent {} left zkmon cluster {}{}", agentName, layout.base(), leading ? " and gave up sending alerts" : "");
        return inTime;
    }

    /**
     * Deletes this agent's lock node and registration in one transaction, so that another agent sees both go at once
     * (and does not wait for this one's claim to send); each alone, guaranteed, when the transaction cannot be done.
     */
    private CompletableFuture<Void> release(String lockNode) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!client.getZookeeperClient().isConnected()) {
            CompletableFuture<Void> a = lockNode == null ? CompletableFuture.completedFuture(null) : guaranteedDelete(lockNode);
            return CompletableFuture.allOf(a, registration.close(false));
        }
        try {
            long session = Znodes.sessionId(client);
            List<CuratorOp> ops = new ArrayList<>();
            List<String> nodes = new ArrayList<>();
            for (String node : new String[] {lockNode, layout.agent(agentName)}) {
                if (node == null) {
                    continue;
                }
                Stat st = client.checkExists().forPath(node);
                if (st != null && st.getEphemeralOwner() == session && session != 0) {
                    ops.add(client.transactionOp().delete().withVersion(st.getVersion()).forPath(node));
                    nodes.add(node);
                }
            }
            if (ops.isEmpty()) {
                done.complete(null);
                return done;
            }
            client.transaction().forOperations(ops);
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.complete(null);
        } catch (Exception e) {
            LOG.debug("Could not remove the lock node and registration together ({}); removing each", e.toString());
            CompletableFuture<Void> a = lockNode == null ? CompletableFuture.completedFuture(null) : guaranteedDelete(lockNode);
            return CompletableFuture.allOf(a, registration.close(false));
        }
        registration.close(true);
        return done;
    }

    private CompletableFuture<Void> guaranteedDelete(String node) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.delete().guaranteed().inBackground((c, e) -> done.complete(null)).forPath(node);
        } catch (Exception e) {
            done.complete(null);
        }
        return done;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        leave(CLOSE_BUDGET);
        synchronized (this) {
            closed = true;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        control.shutdownNow();
        view.close();
        silences.close();
    }
}
