package io.zkmon.cli.e2e;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** Test data in ZooKeeper: services and their instances (ephemeral children of this client's session). */
final class ZooKeeperData implements AutoCloseable {

    private final CuratorFramework client;

    ZooKeeperData(String connectString) throws InterruptedException {
        client = CuratorFrameworkFactory.newClient(connectString, 30_000, 10_000, new ExponentialBackoffRetry(100, 5));
        client.start();
        if (!client.blockUntilConnected(20, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("cannot connect to " + connectString);
        }
    }

    CuratorFramework client() {
        return client;
    }

    /** A persistent node (and parents). */
    ZooKeeperData node(String path) throws Exception {
        create(path, CreateMode.PERSISTENT);
        return this;
    }

    /** An instance: an ephemeral child. */
    ZooKeeperData instance(String parent, String name) throws Exception {
        create(parent + "/" + name, CreateMode.EPHEMERAL);
        return this;
    }

    /**
     * Creates a node and its missing parents with ZooKeeper's plain {@code create}, which every server knows (Curator's
     * create sends {@code create2}, which ZooKeeper 3.4 answers by closing the connection).
     */
    private void create(String path, CreateMode mode) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            try {
                zk.create(path.substring(0, slash), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // a parent that is there already
            }
        }
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, mode);
        } catch (KeeperException.NodeExistsException e) {
            if (mode == CreateMode.EPHEMERAL) {
                throw e;
            }
        }
    }

    /** The children of a node, empty when it does not exist. */
    java.util.List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return java.util.List.of();
        }
    }

    /** Removes a node. */
    ZooKeeperData remove(String path) throws Exception {
        client.delete().forPath(path);
        return this;
    }

    @Override
    public void close() {
        client.close();
    }
}
