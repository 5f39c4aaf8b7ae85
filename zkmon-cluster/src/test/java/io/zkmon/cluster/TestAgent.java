package io.zkmon.cluster;

import io.zkmon.testkit.TcpProxy;
import io.zkmon.core.ZkMonitor;
import io.zkmon.testkit.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * One in-process agent as the CLI would assemble it: its own Curator client (own session, optionally through a
 * {@link TcpProxy} so its network can fail), a {@link ZkCluster} and a {@link ZkMonitor} wired to it. Records every
 * change of its send permission with the time, to measure takeovers. Closed after the test by the extension.
 */
final class TestAgent {

    /** One observed change of the send permission. */
    record Change(boolean permitted, long nanos, Instant at) {
    }

    final String name;
    final CuratorFramework client;
    final TcpProxy proxy;
    final ZkCluster cluster;
    final ZkMonitor monitor;
    final List<Change> changes = new CopyOnWriteArrayList<>();

    private TestAgent(String name, CuratorFramework client, TcpProxy proxy, ZkCluster cluster, ZkMonitor monitor) {
        this.name = name;
        this.client = client;
        this.proxy = proxy;
        this.cluster = cluster;
        this.monitor = monitor;
    }

    /** Options for {@link #start}. */
    static final class Options {
        Duration sessionTimeout = Duration.ofSeconds(5);
        boolean viaProxy;
        String credentials;
        String yaml;
        Consumer<ZkCluster.Builder> cluster = b -> { };

        Options session(Duration d) {
            sessionTimeout = d;
            return this;
        }

        Options viaProxy() {
            viaProxy = true;
            return this;
        }

        Options credentials(String userColonPassword) {
            credentials = userColonPassword;
            return this;
        }

        /** Also run a monitor of this config (else the agent is a bare cluster member). */
        Options monitor(String config) {
            yaml = config;
            return this;
        }

        Options cluster(Consumer<ZkCluster.Builder> c) {
            cluster = c;
            return this;
        }
    }

    static Options options() {
        return new Options();
    }

    /** Where the agents run: a ZooKeeper to connect to, and who closes what they leave behind. */
    interface Zk {
        String connectString();

        /** Closed after the test, in reverse order. */
        <T extends AutoCloseable> T closeAfterTest(T resource);

        /** Closed after the test, before everything else. */
        <T extends AutoCloseable> T closeFirst(T resource);
    }

    static Zk of(ZooKeeperExtension zk) {
        return new Zk() {
            @Override
            public String connectString() {
                return zk.connectString();
            }

            @Override
            public <T extends AutoCloseable> T closeAfterTest(T resource) {
                return zk.closeAfterTest(resource);
            }

            @Override
            public <T extends AutoCloseable> T closeFirst(T resource) {
                return zk.fixture().closeLaterFirst(resource);
            }
        };
    }

    static TestAgent start(ZooKeeperExtension zk, String name, Options o) throws Exception {
        return start(of(zk), name, o);
    }

    static TestAgent start(Zk zk, String name, Options o) throws Exception {
        TcpProxy proxy = o.viaProxy ? zk.closeAfterTest(TcpProxy.to(zk.connectString())) : null;
        CuratorFrameworkFactory.Builder cb = CuratorFrameworkFactory.builder()
                .connectString(proxy != null ? proxy.connectString() : zk.connectString())
                .sessionTimeoutMs((int) o.sessionTimeout.toMillis())
                .connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 1_000));
        if (o.credentials != null) {
            cb.authorization("digest", o.credentials.getBytes(StandardCharsets.UTF_8));
        }
        CuratorFramework client = zk.closeAfterTest(cb.build());
        client.start();
        if (!client.blockUntilConnected(15, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " could not connect to ZooKeeper");
        }
        ZkCluster.Builder b = ZkCluster.builder().client(client).agentName(name).httpPort(8000 + name.charAt(0)).version("test");
        o.cluster.accept(b);
        ZkCluster cluster = zk.closeAfterTest(b.build());
        TestAgent[] self = new TestAgent[1];
        cluster.sendPermission().addListener(() -> {
            if (self[0] != null) {
                self[0].record();
            }
        });
        ZkMonitor monitor = null;
        if (o.yaml != null) {
            // closed before the test's instances and clients, so their going away raises nothing in it
            monitor = zk.closeFirst(ZkMonitor.builder()
                    .curator(client)
                    .configYaml(o.yaml)
                    .agentName(cluster.agentName())
                    .clusterName(cluster.clusterName())
                    .sendPermission(cluster.sendPermission())
                    .alertStateStore(cluster.alertStateStore())
                    .silenceStore(cluster.silenceStore())
                    .clusterView(cluster.clusterView())
                    .build());
        }
        self[0] = new TestAgent(name, client, proxy, cluster, monitor);
        cluster.start();
        if (monitor != null) {
            monitor.start();
            if (!monitor.awaitPrimed(Duration.ofSeconds(30))) {
                throw new AssertionError(name + "'s monitor did not read its paths: " + monitor.status());
            }
        }
        return self[0];
    }

    private synchronized void record() {
        boolean now = cluster.sendPermission().isPermitted();
        if (changes.isEmpty() || changes.get(changes.size() - 1).permitted() != now) {
            changes.add(new Change(now, System.nanoTime(), Instant.now()));
        }
    }

    /** The first time after {@code sinceNanos} that this agent gained (or lost) permission, or null. */
    Change firstChange(boolean permitted, long sinceNanos) {
        for (Change c : changes) {
            if (c.permitted() == permitted && c.nanos() - sinceNanos >= 0) {
                return c;
            }
        }
        return null;
    }

    boolean leads() {
        return cluster.alertingLeader();
    }

    /**
     * Dies as {@code kill -9} would: the network goes at once (the server keeps the session until it times out) and
     * nothing is cleaned up in ZooKeeper. Needs {@link Options#viaProxy()}.
     */
    void kill() {
        proxy.cut();
        drop();
    }

    /** Stops this agent's threads without any chance to clean up in ZooKeeper (its network must already be gone). */
    void drop() {
        if (monitor != null) {
            monitor.close();
        }
        cluster.close();
        client.close();
    }

    /** Shuts down as on SIGTERM: monitor first, then the cluster membership. */
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        cluster.close();
    }

    @Override
    public String toString() {
        return name + (leads() ? " (leader)" : "");
    }
}
