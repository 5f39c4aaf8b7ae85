package io.zkmon.testkit;

import io.zkmon.core.ZkMonitor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real ZooKeeper for JUnit 5 tests: one Curator {@link TestingServer}, or a {@link TestingCluster} on request.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ZooKeeperExtension zk = ZooKeeperExtension.server();
 *
 * @Test
 * void alertsWhenAnInstanceDies() throws Exception {
 *     RecordingAlerter alerts = RecordingAlerter.fresh("t");
 *     ServiceInstance a = zk.register("/services/foo", "a");
 *     zk.monitor("/services/foo: {children: 1, alerter: {recording: t}}");
 *     a.crash();
 *     alerts.awaitFiring("/services/foo", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * In a static field the server lives for the class; in an instance field, for each test. Clients, instances and
 * monitors made through it are closed after each test. Test methods may take a {@link CuratorFramework} or this
 * extension as a parameter.
 */
public final class ZooKeeperExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private final int ensembleSize;
    private TestingServer server;
    private TestingCluster cluster;
    private CuratorFramework client;
    private boolean perClass;
    private final Deque<AutoCloseable> perTest = new ArrayDeque<>();

    private ZooKeeperExtension(int ensembleSize) {
        this.ensembleSize = ensembleSize;
    }

    /** One standalone server. */
    public static ZooKeeperExtension server() {
        return new ZooKeeperExtension(1);
    }

    /** An ensemble of {@code size} servers (3 or 5), to kill and restart members. */
    public static ZooKeeperExtension cluster(int size) {
        return new ZooKeeperExtension(size);
    }

    // ---- JUnit lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        startServers();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stopServers();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            startServers();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeTestResources();
        if (!perClass) {
            stopServers();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == CuratorFramework.class || t == ZooKeeperExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == CuratorFramework.class ? client() : this;
    }

    private void startServers() throws Exception {
        if (ensembleSize == 1) {
            server = new TestingServer(true);
        } else {
            cluster = new TestingCluster(ensembleSize);
            cluster.start();
        }
    }

    private void stopServers() throws Exception {
        closeTestResources();
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    private void closeTestResources() {
        // monitors first: an instance going away after the test must not raise an alert in a monitor still running
        for (AutoCloseable r : List.copyOf(perTest)) {
            if (r instanceof ZkMonitor m) {
                perTest.remove(r);
                m.close();
            }
        }
        while (!perTest.isEmpty()) {
            try {
                perTest.pop().close();
            } catch (Exception e) {
                // closing after a test: nothing useful to do with a failure here
            }
        }
    }

    /** Closes a resource after the current test (or class, if used from a static context). */
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        perTest.push(resource);
        return resource;
    }

    // ---- the servers ----

    /** The connect string. */
    public String connectString() {
        return server != null ? server.getConnectString() : cluster.getConnectString();
    }

    /** Stops the standalone server (data is kept). */
    public void stop() throws Exception {
        server.stop();
    }

    /** Starts the standalone server again after {@link #stop()}. */
    public void start() throws Exception {
        server.restart();
    }

    /** Stops and starts the standalone server; sessions survive if it is back within their timeout. */
    public void restart() throws Exception {
        server.restart();
    }

    /** The ensemble's members. */
    public List<InstanceSpec> members() {
        return new ArrayList<>(cluster.getInstances());
    }

    /** The ensemble member a client is connected to. */
    public InstanceSpec memberOf(CuratorFramework c) throws Exception {
        return cluster.findConnectionInstance(c.getZookeeperClient().getZooKeeper());
    }

    /** Kills one ensemble member. */
    public void kill(InstanceSpec member) throws Exception {
        cluster.killServer(member);
    }

    /** Restarts a killed ensemble member. */
    public void revive(InstanceSpec member) throws Exception {
        cluster.restartServer(member);
    }

    // ---- clients ----

    /** A started client shared by this extension's users; closed with the servers. */
    public synchronized CuratorFramework client() {
        if (client == null) {
            client = newClientUnmanaged(Duration.ofSeconds(30));
        }
        return client;
    }

    /** A new started client with its own session, closed after the test. */
    public CuratorFramework newClient(Duration sessionTimeout) {
        return closeAfterTest(newClientUnmanaged(sessionTimeout));
    }

    private CuratorFramework newClientUnmanaged(Duration sessionTimeout) {
        CuratorFramework c = CuratorFrameworkFactory.newClient(connectString(), (int) sessionTimeout.toMillis(), 10_000,
                new ExponentialBackoffRetry(100, 10, 2_000));
        c.start();
        try {
            if (!c.blockUntilConnected(15, TimeUnit.SECONDS)) {
                c.close();
                throw new IllegalStateException("could not connect to " + connectString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return c;
    }

    /** Expires a client's session on the server (as a partition or a long GC pause would). */
    public void expireSession(CuratorFramework c) throws Exception {
        Sessions.expire(c, connectString());
    }

    // ---- data ----

    /** Creates a persistent node (and its parents) if missing. */
    public ZooKeeperExtension ensure(String path) throws Exception {
        try {
            client().create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // there already
        }
        return this;
    }

    /** Sets a node's data, creating it if missing. */
    public void setData(String path, String data) throws Exception {
        ensure(path);
        client().setData().forPath(path, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes a node and everything below it, if present. */
    public void delete(String path) throws Exception {
        try {
            client().delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // not there
        }
    }

    /** Registers a service instance (an ephemeral child from its own session); closed after the test. */
    public ServiceInstance register(String parent, String name) throws Exception {
        return register(parent, name, new byte[0]);
    }

    /** Registers a service instance with data (e.g. Curator ServiceDiscovery JSON). */
    public ServiceInstance register(String parent, String name, String data) throws Exception {
        return register(parent, name, data.getBytes(StandardCharsets.UTF_8));
    }

    private ServiceInstance register(String parent, String name, byte[] data) throws Exception {
        return closeAfterTest(new ServiceInstance(connectString(), parent, name, data));
    }

    // ---- monitors ----

    /**
     * Builds, starts and primes a monitor of this server from YAML, using the shared client; closed after the test.
     */
    public ZkMonitor monitor(String yaml) throws Exception {
        return monitor(yaml, b -> { });
    }

    /** Like {@link #monitor(String)}, letting the test adjust the builder first. */
    public ZkMonitor monitor(String yaml, Consumer<ZkMonitor.Builder> customize) throws Exception {
        ZkMonitor.Builder b = ZkMonitor.builder().curator(client()).configYaml(yaml);
        customize.accept(b);
        ZkMonitor m = closeAfterTest(b.build());
        m.start();
        if (!m.awaitPrimed(Duration.ofSeconds(30))) {
            throw new AssertionError("monitor did not read its paths within 30 s: " + m.status());
        }
        return m;
    }
}
