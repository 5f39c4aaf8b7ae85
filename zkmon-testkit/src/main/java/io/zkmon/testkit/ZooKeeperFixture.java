package io.zkmon.testkit;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;

/**
 * A real ZooKeeper for tests, with no test framework: one in-process standalone server (Curator's {@link TestingServer})
 * or an ensemble ({@link TestingCluster}), plus what tests do to it: clients, fake service instances that register from
 * their own sessions and can crash, a {@link TcpProxy} to fail one client's network, and stopping or killing servers.
 *
 * <pre>{@code
 * try (ZooKeeperFixture zk = ZooKeeperFixture.server()) {
 *     ServiceInstance a = zk.register("/services/orders/instances", "a");
 *     // ... point the code under test at zk.connectString() ...
 *     a.crash();
 * }
 * }</pre>
 *
 * Everything made through the fixture (clients, instances, proxies, and whatever is handed to {@link #closeLater}) is
 * closed by {@link #closeResources()}, which keeps the servers, and by {@link #close()}, which then stops them. JUnit 5
 * users get the same through {@link ZooKeeperExtension}.
 */
public final class ZooKeeperFixture implements Closeable {

    private final TestingServer server;
    private final TestingCluster cluster;
    private CuratorFramework client;
    /** Closed first: things that watch the others, so that what goes away after them raises nothing in them. */
    private final Deque<AutoCloseable> first = new ArrayDeque<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private ZooKeeperFixture(TestingServer server, TestingCluster cluster) {
        this.server = server;
        this.cluster = cluster;
    }

    /** Starts one standalone server on a free port of 127.0.0.1, with its data in a temporary directory. */
    public static ZooKeeperFixture server() throws Exception {
        // the port from FreePorts, out of the ephemeral range: still free when stop() and start() reuse it
        return new ZooKeeperFixture(new TestingServer(FreePorts.find(), true), null);
    }

    /** Starts an ensemble of {@code size} servers (3 or 5), whose members can be killed and revived. */
    public static ZooKeeperFixture ensemble(int size) throws Exception {
        if (size < 3) {
            throw new IllegalArgumentException("an ensemble has at least 3 servers, got " + size + "; use server() for one");
        }
        // every port from FreePorts, out of the ephemeral range: a killed member's election port must still be free when
        // it is revived (ZooKeeper exits the whole JVM when it cannot bind it), while other tests open connections
        List<InstanceSpec> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new InstanceSpec(null, FreePorts.find(), FreePorts.find(), FreePorts.find(), true, -1));
        }
        TestingCluster cluster = new TestingCluster(members);
        try {
            cluster.start();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new ZooKeeperFixture(null, cluster);
    }

    // ---- the servers ----

    /** The connect string of the server, or of every ensemble member. */
    public String connectString() {
        return server != null ? server.getConnectString() : cluster.getConnectString();
    }

    /** Stops the standalone server; its data and port are kept for {@link #start()}. */
    public void stop() throws Exception {
        standalone("stop").stop();
    }

    /** Starts the standalone server again after {@link #stop()}, on the same port with the same data. */
    public void start() throws Exception {
        standalone("start").restart();
    }

    /** Stops and starts the standalone server; sessions survive if it is back within their timeout. */
    public void restart() throws Exception {
        standalone("restart").restart();
    }

    /** The ensemble's members. */
    public List<InstanceSpec> members() {
        return new ArrayList<>(ensemble("members").getInstances());
    }

    /** The ensemble member a client is connected to. */
    public InstanceSpec memberOf(CuratorFramework c) throws Exception {
        return ensemble("memberOf").findConnectionInstance(c.getZookeeperClient().getZooKeeper());
    }

    /** Kills one ensemble member (its data is kept for {@link #revive}). */
    public void kill(InstanceSpec member) throws Exception {
        ensemble("kill").killServer(member);
    }

    /** Restarts a killed ensemble member. */
    public void revive(InstanceSpec member) throws Exception {
        ensemble("revive").restartServer(member);
    }

    private TestingServer standalone(String what) {
        if (server == null) {
            throw new IllegalStateException(what + "() is for a standalone server; this is an ensemble: use kill() and revive()");
        }
        return server;
    }

    private TestingCluster ensemble(String what) {
        if (cluster == null) {
            throw new IllegalStateException(what + "() is for an ensemble; this is a standalone server: use stop() and start()");
        }
        return cluster;
    }

    // ---- clients and faults ----

    /** A started client shared by this fixture's users (30 s sessions); closed with the fixture, not by {@link #closeResources()}. */
    public synchronized CuratorFramework client() {
        if (client == null) {
            client = connect(connectString(), Duration.ofSeconds(30));
        }
        return client;
    }

    /** A new started client with a session of its own; closed with the other resources. */
    public CuratorFramework newClient(Duration sessionTimeout) {
        return closeLater(connect(connectString(), sessionTimeout));
    }

    /** A new started client of any connect string (a {@link TcpProxy}'s, say); closed with the other resources. */
    public CuratorFramework newClient(String connectString, Duration sessionTimeout) {
        return closeLater(connect(connectString, sessionTimeout));
    }

    private static CuratorFramework connect(String connectString, Duration sessionTimeout) {
        CuratorFramework c = CuratorFrameworkFactory.newClient(connectString, (int) sessionTimeout.toMillis(), 10_000,
                new ExponentialBackoffRetry(100, 10, 2_000));
        c.start();
        try {
            if (!c.blockUntilConnected(15, TimeUnit.SECONDS)) {
                c.close();
                throw new IllegalStateException("could not connect to " + connectString + " within 15 s");
            }
        } catch (InterruptedException e) {
            c.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + connectString, e);
        }
        return c;
    }

    /** Expires a client's session on the server, as a partition or a long GC pause would. */
    public void expireSession(CuratorFramework c) throws Exception {
        Sessions.expire(c, connectString());
    }

    /** A proxy to the (first) server, to cut or blackhole the network of whoever connects through it; closed with the other resources. */
    public TcpProxy proxy() throws Exception {
        return closeLater(TcpProxy.to(connectString()));
    }

    // ---- data ----

    /** Creates a persistent node (and its parents) if missing. */
    public ZooKeeperFixture ensure(String path) throws Exception {
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

    /** Registers a service instance: an ephemeral child with no data, from a session of its own. */
    public ServiceInstance register(String parent, String name) throws Exception {
        return register(parent, name, new byte[0]);
    }

    /** Registers a service instance with data (Curator ServiceDiscovery JSON, say). */
    public ServiceInstance register(String parent, String name, String data) throws Exception {
        return register(parent, name, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Registers a service instance with data; closed (its session ended) with the other resources. */
    public ServiceInstance register(String parent, String name, byte[] data) throws Exception {
        return closeLater(ServiceInstance.register(connectString(), parent, name, data));
    }

    // ---- resources ----

    /** Closes a resource at the next {@link #closeResources()} (or {@link #close()}); the newest is closed first. */
    public synchronized <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Like {@link #closeLater}, but closed before every resource given there: for what watches the others (a
     * monitor), so that instances and clients going away afterwards raise nothing in it.
     */
    public synchronized <T extends AutoCloseable> T closeLaterFirst(T resource) {
        first.push(resource);
        return resource;
    }

    /** Closes every resource made through this fixture or given to it, keeping the servers and the shared client. */
    public void closeResources() {
        List<AutoCloseable> all = new ArrayList<>();
        synchronized (this) {
            all.addAll(first);
            all.addAll(resources);
            first.clear();
            resources.clear();
        }
        for (AutoCloseable r : all) {
            try {
                r.close();
            } catch (Exception e) {
                // cleaning up after a test: a failure to close says nothing about the code under test
            }
        }
    }

    /** Closes every resource, the shared client and the servers (and deletes their data). */
    @Override
    public void close() {
        closeResources();
        synchronized (this) {
            if (client != null) {
                client.close();
                client = null;
            }
        }
        try {
            if (server != null) {
                server.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop ZooKeeper at " + connectString(), e);
        }
    }
}
