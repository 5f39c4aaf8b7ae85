package io.zkmon.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The floor: a raw ZooKeeper client, one PERSISTENT watch per path, pipelined async getChildren, and a re-read on
 * every NodeChildrenChanged. It keeps nothing but the counts.
 */
final class RawImpl implements Impl {

    private ZooKeeper zk;

    @Override
    public void startAndPrime(String connect, int n, Reporter reporter) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        CountDownLatch primed = new CountDownLatch(n);
        AsyncCallback.ChildrenCallback onChildren = (rc, path, ctx, children) -> {
            if (rc == 0) {
                reporter.count(Tree.index(path), children.size());
            }
            if (ctx != null) {
                primed.countDown();
            }
        };
        Watcher watcher = e -> {
            if (e.getType() == Watcher.Event.EventType.NodeChildrenChanged) {
                zk.getChildren(e.getPath(), false, onChildren, null);
            }
        };
        zk = new ZooKeeper(connect, 60_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                up.countDown();
            }
        });
        if (!up.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw client could not connect");
        }
        Object first = Boolean.TRUE;
        for (int i = 0; i < n; i++) {
            String p = Tree.path(i);
            zk.addWatch(p, watcher, AddWatchMode.PERSISTENT, (rc, path, ctx) -> { }, null);
            zk.getChildren(p, false, onChildren, first);
        }
        if (!primed.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("raw client did not prime");
        }
    }

    @Override
    public void close() throws InterruptedException {
        zk.close();
    }
}
