package io.zkmon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The benchmark's znodes, written from one session of the harness (which owns every ephemeral child):
 * {@code /bench/pNNNNNN} persistent parents, each with ephemeral children {@code c0}, {@code c1}, {@code c2}.
 */
final class Tree implements AutoCloseable {

    static final String ROOT = "/bench";
    static final int CHILDREN = 3;

    private final ZooKeeper zk;
    private final int n;
    /** Which children exist, as far as this writer knows. */
    private final boolean[][] present;

    Tree(String connect, int n) throws Exception {
        this.n = n;
        this.present = new boolean[n][CHILDREN];
        CountDownLatch up = new CountDownLatch(1);
        this.zk = new ZooKeeper(connect, 60_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                up.countDown();
            }
        });
        if (!up.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("writer could not connect");
        }
    }

    static String path(int i) {
        String digits = Integer.toString(i);
        return ROOT + "/p" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    static String child(int i, int k) {
        return path(i) + "/c" + k;
    }

    static int index(String path) {
        return Integer.parseInt(path, ROOT.length() + 2, path.length(), 10);
    }

    int size() {
        return n;
    }

    int count(int i) {
        int c = 0;
        for (boolean b : present[i]) {
            c += b ? 1 : 0;
        }
        return c;
    }

    boolean has(int i, int k) {
        return present[i][k];
    }

    /** Creates the parents and their children with pipelined multi batches. */
    void populate() throws Exception {
        try {
            zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // fine
        }
        createMissing(true);
    }

    /** Puts back every child a previous run deleted, so each implementation starts from the same tree. */
    void restore() throws Exception {
        createMissing(false);
    }

    private void createMissing(boolean parentsToo) throws Exception {
        List<Op> ops = new ArrayList<>();
        Batches b = new Batches();
        for (int i = 0; i < n; i++) {
            if (parentsToo) {
                ops.add(Op.create(path(i), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            }
            for (int k = 0; k < CHILDREN; k++) {
                if (parentsToo || !present[i][k]) {
                    ops.add(Op.create(child(i, k), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
                    present[i][k] = true;
                }
            }
            if (ops.size() >= 1000) {
                b.send(ops);
                ops = new ArrayList<>();
            }
        }
        if (!ops.isEmpty()) {
            b.send(ops);
        }
        b.await();
    }

    void delete(int i, int k) throws Exception {
        zk.delete(child(i, k), -1);
        present[i][k] = false;
    }

    void create(int i, int k) throws Exception {
        zk.create(child(i, k), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        present[i][k] = true;
    }

    /** Toggles a child without waiting; the callback must say OK. */
    void toggleAsync(int i, int k, AsyncCallback.VoidCallback onDeleted, AsyncCallback.StringCallback onCreated) {
        if (present[i][k]) {
            present[i][k] = false;
            zk.delete(child(i, k), -1, onDeleted, null);
        } else {
            present[i][k] = true;
            zk.create(child(i, k), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, onCreated, null);
        }
    }

    /** Deletes child k of many parents in one transaction: they all change at once. */
    void deleteAtOnce(List<Integer> parents, int k) throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int i : parents) {
            ops.add(Op.delete(child(i, k), -1));
            present[i][k] = false;
        }
        zk.multi(ops);
    }

    /** Counts children straight from the server for every parent (pipelined). */
    int[] recount() throws Exception {
        int[] counts = new int[n];
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<String> error = new AtomicReference<>();
        Semaphore window = new Semaphore(10_000);
        for (int i = 0; i < n; i++) {
            window.acquire();
            int idx = i;
            zk.getChildren(path(i), false, (rc, p, ctx, children) -> {
                if (rc == 0) {
                    counts[idx] = children.size();
                } else {
                    error.set(KeeperException.Code.get(rc).toString());
                }
                window.release();
                done.countDown();
            }, null);
        }
        done.await();
        if (error.get() != null) {
            throw new IllegalStateException("recount failed: " + error.get());
        }
        return counts;
    }

    /** Pipelined multi batches with a bounded number in flight. */
    private final class Batches {
        private final Semaphore inFlight = new Semaphore(32);
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicReference<String> error = new AtomicReference<>();

        void send(List<Op> ops) throws InterruptedException {
            inFlight.acquire();
            outstanding.incrementAndGet();
            zk.multi(ops, (rc, path, ctx, results) -> {
                if (rc != 0) {
                    error.compareAndSet(null, KeeperException.Code.get(rc).toString());
                }
                outstanding.decrementAndGet();
                inFlight.release();
            }, null);
        }

        void await() throws InterruptedException {
            while (outstanding.get() > 0) {
                Thread.sleep(5);
            }
            if (error.get() != null) {
                throw new IllegalStateException("write batch failed: " + error.get());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        zk.close();
    }
}
