package io.zkmon.cli.e2e;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

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
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // there
        }
        return this;
    }

    /** An instance: an ephemeral child. */
    ZooKeeperData instance(String parent, String name) throws Exception {
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(parent + "/" + name);
        return this;
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
