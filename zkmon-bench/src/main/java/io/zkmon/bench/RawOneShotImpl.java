package io.zkmon.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The floor on servers without persistent watches (ZooKeeper 3.4 and 3.5): a raw client, pipelined async
 * {@code getChildren} with a one-shot watch per path, and on every {@code NodeChildrenChanged} the same read again,
 * which re-arms the watch and, being sent after it fired, sees every change made in between. It keeps only counts.
 */
final class RawOneShotImpl implements Impl {

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
        Watcher[] watcher = new Watcher[1];
        watcher[0] = e -> {
            if (e.getType() == Watcher.Event.EventType.NodeChildrenChanged) {
                zk.getChildren(e.getPath(), watcher[0], onChildren, null);
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
            zk.getChildren(Tree.path(i), watcher[0], onChildren, first);
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
