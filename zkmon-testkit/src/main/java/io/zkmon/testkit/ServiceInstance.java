package io.zkmon.testkit;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.KeeperException;

/**
 * A fake service instance: an ephemeral child registered from its own ZooKeeper session, as a real instance of a
 * service registry would. {@link #crash()} ends the session on the server (the node vanishes, nobody deregisters),
 * {@link #deregister()} deletes the node politely.
 */
public final class ServiceInstance implements Closeable {

    private final String connectString;
    private final String path;
    private final CuratorFramework session;

    /**
     * Registers an instance from a new session of its own (outside JUnit, e.g. a demo or a load generator).
     * Close it to end the session.
     */
    public static ServiceInstance register(String connectString, String parent, String name, byte[] data) throws Exception {
        return new ServiceInstance(connectString, parent, name, data);
    }

    ServiceInstance(String connectString, String parent, String name, byte[] data) throws Exception {
        this.connectString = connectString;
        this.path = parent.endsWith("/") ? parent + name : parent + "/" + name;
        this.session = CuratorFrameworkFactory.newClient(connectString, 30_000, 10_000, new RetryOneTime(200));
        session.start();
        if (!session.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
            session.close();
            throw new IllegalStateException("instance " + path + " could not connect to " + connectString);
        }
        create(data);
    }

    /**
     * Creates the node and its parents with ZooKeeper's plain {@code create}, which every server version knows
     * (Curator's create sends {@code create2}, which ZooKeeper 3.4 does not know: it closes the connection).
     */
    private void create(byte[] data) throws Exception {
        ZooKeeper zk = session.getZookeeperClient().getZooKeeper();
        ZKPaths.mkdirs(zk, ZKPaths.getPathAndNode(path).getPath());
        zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    }

    /** The instance's znode path. */
    public String path() {
        return path;
    }

    /** Replaces the instance's data (e.g. to flip an {@code enabled} flag). */
    public ServiceInstance setData(String data) throws Exception {
        session.setData().forPath(path, data.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Deletes the node, as an instance shutting down cleanly would. */
    public void deregister() throws Exception {
        try {
            session.delete().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        }
    }

    /** Registers the node again (same session). */
    public void reregister(byte[] data) throws Exception {
        create(data);
    }

    /** Kills the instance's session on the server, as a crash would once its session times out. */
    public void crash() throws Exception {
        Sessions.expire(session, connectString);
        session.close();
    }

    @Override
    public void close() {
        session.close();
    }
}
