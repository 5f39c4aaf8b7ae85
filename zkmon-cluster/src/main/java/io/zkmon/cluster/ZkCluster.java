package io.zkmon.cluster;

import io.zkmon.core.ClusterView;
import io.zkmon.core.Version;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.SilenceStore;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;

/**
 * One agent's membership in a zkmon cluster: any number of agents watch and evaluate the same paths, and exactly one
 * of them (the holder of the alerting lock) sends alerts, from alert state shared through ZooKeeper so that a new
 * sender continues where the old one stopped.
 *
 * <pre>{@code
 * try (ZkCluster cluster = ZkCluster.builder()
 *              .client(client)                 // started; yours: the cluster never closes it
 *              .clusterName("zkmonitor")
 *              .httpPort(8080)
 *              .build()
 *              .start();
 *      ZkMonitor monitor = ZkMonitor.builder()
 *              .curator(client)
 *              .configFile(Path.of("paths.yaml"))
 *              .agentName(cluster.agentName())
 *              .clusterName(cluster.clusterName())
 *              .sendPermission(cluster.sendPermission())
 *              .alertStateStore(cluster.alertStateStore())
 *              .silenceStore(cluster.silenceStore())
 *              .clusterView(cluster.clusterView())  // for readers of the monitor's view: /api/v1/agents
 *              .build()
 *              .start()) {
 *     ...
 * }   // closes the monitor first, then the cluster: another agent takes over at once
 * }</pre>
 *
 * <p>{@link #start()} returns at once; registering, joining the election and reading happen on the cluster's own
 * thread, and again after every reconnection (a new session re-creates this agent's ephemeral nodes). The agent
 * may send only while it holds the lock, is connected and its lease is valid: a disconnection stops it at once, and a
 * process that froze stops before its session could have expired on the server. See {@code docs/cluster.md}.
 */
public interface ZkCluster extends AutoCloseable {

    /** Starts building a cluster membership. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Registers this agent and joins the alerting election, in the background. Returns this membership.
     *
     * @throws IllegalStateException when the client is not started, or this membership was closed
     */
    ZkCluster start();

    /** Whether this agent may send now; hand it to {@code ZkMonitor.Builder.sendPermission}. */
    SendPermission sendPermission();

    /** The alert state shared through ZooKeeper; hand it to {@code ZkMonitor.Builder.alertStateStore}. */
    AlertStateStore alertStateStore();

    /** The silences shared through ZooKeeper; for {@code ZkMonitor.Builder.silenceStore} and the HTTP API. */
    SilenceStore silenceStore();

    /** The agents and who leads, for status pages and the API; hand it to {@code ZkMonitor.Builder.clusterView}. */
    ClusterView clusterView();

    /** True while this agent sends alerts (the same answer as {@code sendPermission().isPermitted()}). */
    boolean alertingLeader();

    /** This agent's name (its znode under {@code agents/}); give the monitor the same one. */
    String agentName();

    /** The cluster's name. */
    String clusterName();

    /** The cluster's root znode, {@code <prefix>/<cluster_name>}. */
    String basePath();

    /**
     * Leaves the cluster, first thing in a graceful stop, so that another agent takes over at once: stops sending
     * (at once), writes the alert state still queued, then deletes this agent's lock node and registration in one
     * transaction. Returns within {@code within} (the writes get most of it); what is left is finished in the background
     * while the client lives. The views ({@link #clusterView()}, {@link #silenceStore()}) keep answering until
     * {@link #close()}. Calling it again does nothing.
     *
     * @return true when everything was done in time
     */
    boolean leave(java.time.Duration within);

    /**
     * {@link #leave Leaves} the cluster (within about 2 s) if not done yet, then stops the caches and the cluster's
     * threads. The Curator client stays open.
     */
    @Override
    void close();

    /** Builds a {@link ZkCluster}. Only the client is required. */
    final class Builder {
        CuratorFramework client;
        String prefix = ClusterLayout.DEFAULT_PREFIX;
        String clusterName = ClusterLayout.DEFAULT_CLUSTER;
        String agentName;
        int httpPort;
        boolean secured;
        String version = Version.get();
        Clock clock = Clock.systemUTC();
        java.util.function.Consumer<String> onRefusal = why -> { };

        Builder() {
        }

        /** The Curator client to use: started, and yours (the cluster never closes it). Required. */
        public Builder client(CuratorFramework client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The parent of every cluster's znodes (default {@code /zk_monitor}). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The cluster's name: agents with the same prefix and name form one cluster (default {@code zkmonitor}). */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name, "clusterName");
            return this;
        }

        /** This agent's unique name (default {@code <host>-<pid>}). */
        public Builder agentName(String name) {
            this.agentName = Objects.requireNonNull(name, "agentName");
            return this;
        }

        /** The port this agent's HTTP server listens on, shown to the others; 0 when it serves none (default). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /**
         * Creates every znode with a creator-only ACL, and checks the real ACL of the cluster's nodes at start: one that
         * is not creator-only for these credentials is fixed when this agent may, else the cluster refuses to run
         * ({@link #onRefusal}). Default false: open ACLs, with one WARN at start saying what anyone with ZooKeeper access
         * can do. Needs a client with digest authorization, and the same credentials on every agent.
         */
        public Builder secured(boolean secured) {
            this.secured = secured;
            return this;
        }

        /**
         * Called once, on the cluster's thread, when the cluster refuses to run: in {@link #secured(boolean) secured}
         * mode, a node of the cluster has an ACL this agent may not fix. The message names the node. The membership then
         * does nothing more (it never sends); the daemon exits with status 1. Default: nothing (the ERROR log only).
         */
        public Builder onRefusal(java.util.function.Consumer<String> callback) {
            this.onRefusal = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** The version this agent announces (default: zkmon's). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The clock for times shown and stored (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates the settings (no I/O) and builds the membership.
         *
         * @throws IllegalStateException when no client was given
         * @throws IllegalArgumentException naming the bad setting and what would be valid
         */
        public ZkCluster build() {
            if (client == null) {
                throw new IllegalStateException("give the cluster the agent's Curator client: ZkCluster.builder().client(client)");
            }
            if (httpPort < 0 || httpPort > 65_535) {
                throw new IllegalArgumentException("http port " + httpPort + " is out of range; use 1-65535, or 0 for none");
            }
            String name = agentName != null ? agentName : io.zkmon.core.ZkMonitor.defaultAgentName();
            ClusterLayout.checkName(name, "agent name");
            return new ZkClusterImpl(this, new ClusterLayout(prefix, clusterName), name);
        }

        static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "localhost";
            }
        }
    }
}
