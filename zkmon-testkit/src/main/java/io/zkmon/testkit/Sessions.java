package io.zkmon.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;

/** Ending ZooKeeper sessions from outside, as a crash or a network partition would. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * Expires a client's current session on the server: its ephemeral nodes vanish at once and the client sees
     * {@code Expired} when it next talks to the server (Curator then opens a new session). This is what the server does
     * when a crashed or partitioned process stops sending heartbeats, without waiting for the timeout.
     */
    public static void expire(CuratorFramework client, String connectString) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        expire(zk.getSessionId(), zk.getSessionPasswd(), connectString);
    }

    /** Expires a session by id and password: joins it from a second handle and closes it. */
    public static void expire(long sessionId, byte[] password, String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper other = new ZooKeeper(connectString, 10_000, e -> {
            if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, sessionId, password);
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not join session 0x" + Long.toHexString(sessionId) + " to expire it");
            }
        } finally {
            other.close();
        }
    }
}
