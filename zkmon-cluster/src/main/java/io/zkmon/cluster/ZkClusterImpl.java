package io.zkmon.cluster;

import io.zkmon.core.ClusterView;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the parts of a {@link ZkCluster} and runs them in order: caches and the state writer start first; the
 * registration and the election run on one control thread, again after every reconnection and every 10 s as a safety
 * net; close stops sending first, then flushes state, then gives up the lock and the registration.
 */
final class ZkClusterImpl implements ZkCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ZkClusterImpl.class);
    private static final long CLOSE_BUDGET_MILLIS = 2_000;
    private static final long STATE_READ_TIMEOUT_MILLIS = 30_000;
    private static final long RECONCILE_SECONDS = 10;

    private final CuratorFramework client;
    private final ClusterLayout layout;
    private final String agentName;
    private final String clusterName;
    private final List<ACL> acl;
    private final Clock clock;
    private final String version;
    private final int httpPort;
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
    private boolean started;
    private volatile boolean closed;

    ZkClusterImpl(Builder b, ClusterLayout layout, String agentName) {
        this.client = b.client;
        this.layout = layout;
        this.agentName = agentName;
        this.clusterName = b.clusterName;
        this.acl = Znodes.acl(b.secured);
        this.clock = b.clock;
        this.version = b.version;
        this.httpPort = b.httpPort;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zkmon-cluster-" + agentName);
            t.setDaemon(true);
            return t;
        });
        this.writer = new StateWriter(client, acl, agentName);
        this.store = new ZkAlertStateStore(client, layout, writer, agentName, clock, STATE_READ_TIMEOUT_MILLIS);
        this.permission = new LeaderPermission(client, store::prepare, control, System::nanoTime, clock, this::leadershipChanged,
                this::electionRecheck);
        this.election = new AlertingElection(client, layout.alerterLock(), agentName, acl, control, permission);
        this.silences = new ZkSilenceStore(client, layout, acl);
        this.view = new ZkClusterView(client, layout, agentName, clock);
    }

    @Override
    public synchronized ZkCluster start() {
        if (closed) {
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
        view.start();
        silences.start();
        client.getConnectionStateListenable().addListener(connectionListener);
        permission.connected(client.getZookeeperClient().isConnected());
        onControl(this::reconcile);
        control.scheduleWithFixedDelay(this::reconcile, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
        scheduleRenewal();
        LOG.info("Agent {} joining zkmon cluster {} ({} ACLs)", agentName, layout.base(), acl.size() == 1
                && "auth".equals(acl.get(0).getId().getScheme()) ? "creator-only" : "open");
        return this;
    }

    /** Creates the layout if needed, then makes sure this agent is registered and a candidate. Control thread. */
    private void reconcile() {
        if (closed) {
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
                } else {
                    LOG.error(Znodes.explain(e, "Cannot create the cluster's znodes under " + layout.base()) + "; retrying every "
                            + RECONCILE_SECONDS + " s");
                }
                return;
            }
        }
        registration.check();
        election.check();
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
            r.leadingSince(since);
            r.check();
        }
    }

    private void electionRecheck() {
        election.recheck();
    }

    private void scheduleRenewal() {
        try {
            control.schedule(() -> {
                if (!closed) {
                    permission.renew();
                    scheduleRenewal();
                }
            }, permission.renewIntervalNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void onControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
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

    /** Alert state changes not yet written to ZooKeeper (for tests and diagnostics). */
    int stateBacklog() {
        return writer.backlog();
    }

    @Override
    public String basePath() {
        return layout.base();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MILLIS);
        boolean leading = permission.fence() != null;
        permission.close();
        if (!started) {
            control.shutdownNow();
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        try {
            // what the dispatcher decided while leading must reach ZooKeeper before the lock goes
            boolean connected = client.getZookeeperClient().isConnected();
            if (connected && !writer.awaitIdle(deadline - TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MILLIS / 2))) {
                LOG.warn("{} alert state change(s) not yet written at shutdown", writer.backlog());
            }
            control.shutdownNow();
            control.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        CompletableFuture<Void> released = CompletableFuture.allOf(election.close(election.ourNode()), registration.close());
        if (client.getZookeeperClient().isConnected()) {
            try {
                released.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("Leaving the cluster took longer than {} ms; the lock and registration are removed in the background",
                        CLOSE_BUDGET_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("Leaving the cluster: {}", e.toString());
            }
        }
        view.close();
        silences.close();
        LOG.info("Agent {} left zkmon cluster {}{}", agentName, layout.base(), leading ? " and gave up sending alerts" : "");
    }
}
