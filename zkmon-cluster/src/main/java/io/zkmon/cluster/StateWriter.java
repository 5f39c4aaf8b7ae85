package io.zkmon.cluster;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alert state to ZooKeeper on its own thread, so the dispatcher never waits for ZooKeeper.
 *
 * <p>Writes for one path are applied in order; a newer write for a path replaces an older one still queued (only the
 * latest state matters). Every write is <em>fenced</em>: a transaction that first {@code check}s the lock node this
 * agent held when the write was decided, then writes. A deposed leader's late write therefore fails instead of
 * overwriting what the new leader wrote, and is dropped.
 */
final class StateWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);

    /** One write: {@code data == null} deletes. {@code fence} is the lock node that must still exist. */
    record Op(String fence, String path, String node, byte[] data) {
    }

    private final CuratorFramework client;
    private final List<ACL> acl;
    private final Map<String, Op> queue = new LinkedHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private Op inFlight;
    private String fencedOut;
    private volatile boolean closed;

    StateWriter(CuratorFramework client, List<ACL> acl, String agentName) {
        this.client = client;
        this.acl = acl;
        this.thread = new Thread(this::run, "zkmon-cluster-state-" + agentName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a write; returns at once. */
    synchronized void submit(Op op) {
        if (closed) {
            return;
        }
        queue.put(op.path(), op);
        notifyAll();
    }

    /** Tells the writer which state znodes exist, so it sets their data instead of trying to create them first. */
    void knownNodes(Iterable<String> nodes) {
        known.clear();
        nodes.forEach(known::add);
    }

    /** Waits until nothing is queued or being written, at most until the deadline ({@link System#nanoTime()}). */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (!queue.isEmpty() || inFlight != null) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Writes still queued or in flight. */
    synchronized int backlog() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (!queue.isEmpty()) {
                LOG.warn("Dropping {} unwritten alert state change(s) at shutdown; the next leader re-sends what they would have confirmed",
                        queue.size());
            }
            queue.clear();
            notifyAll();
        }
        thread.interrupt();
    }

    private void run() {
        while (true) {
            Op op;
            synchronized (this) {
                inFlight = null;
                notifyAll();
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                    }
                }
                if (closed) {
                    return;
                }
                Iterator<Op> it = queue.values().iterator();
                op = it.next();
                it.remove();
                inFlight = op;
            }
            apply(op);
        }
    }

    private synchronized boolean superseded(Op op) {
        return closed || queue.containsKey(op.path());
    }

    private void apply(Op op) {
        long backoff = 100;
        int quickRetries = 0;
        while (!superseded(op)) {
            try {
                writeOnce(op);
                return;
            } catch (KeeperException e) {
                Outcome o = classify(op, e);
                if (o == Outcome.DONE) {
                    return;
                }
                if (o == Outcome.FENCED) {
                    fenced(op);
                    return;
                }
                if (o == Outcome.FAILED) {
                    LOG.error(Znodes.explain(e, "Could not store the alert state of " + op.path() + " at " + op.node()));
                    return;
                }
                if (o == Outcome.AGAIN && quickRetries++ < 3) {
                    continue; // create instead of set (or the reverse): at once
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                LOG.warn(Znodes.explain(e, "Could not store the alert state of " + op.path() + "; retrying"));
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    private void writeOnce(Op op) throws Exception {
        List<CuratorOp> ops = new ArrayList<>(2);
        ops.add(client.transactionOp().check().forPath(op.fence()));
        if (op.data() == null) {
            ops.add(client.transactionOp().delete().forPath(op.node()));
        } else if (known.contains(op.node())) {
            ops.add(client.transactionOp().setData().forPath(op.node(), op.data()));
        } else {
            String bucket = op.node().substring(0, op.node().lastIndexOf('/'));
            if (buckets.add(bucket)) {
                Znodes.ensure(client, bucket, acl);
            }
            ops.add(client.transactionOp().create().withACL(acl).forPath(op.node(), op.data()));
        }
        client.transaction().forOperations(ops);
        if (op.data() == null) {
            known.remove(op.node());
        } else {
            known.add(op.node());
        }
    }

    private enum Outcome { DONE, FENCED, AGAIN, RETRY_LATER, FAILED }

    /** Decides what a failed transaction means: which of its operations failed, and how. */
    private Outcome classify(Op op, KeeperException e) {
        List<OpResult> results = e.getResults();
        int failed = -1;
        KeeperException.Code code = e.code();
        if (results != null) {
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof OpResult.ErrorResult er && er.getErr() != 0
                        && er.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    failed = i;
                    code = KeeperException.Code.get(er.getErr());
                    break;
                }
            }
        }
        if (failed == 0 && code == KeeperException.Code.NONODE) {
            return Outcome.FENCED;
        }
        if (failed == 1) {
            if (op.data() == null && code == KeeperException.Code.NONODE) {
                known.remove(op.node());
                return Outcome.DONE; // already gone
            }
            if (code == KeeperException.Code.NONODE) {
                // setData on a node someone removed, or create in a bucket someone removed: create it (and the bucket)
                known.remove(op.node());
                buckets.remove(op.node().substring(0, op.node().lastIndexOf('/')));
                return Outcome.AGAIN;
            }
            if (code == KeeperException.Code.NODEEXISTS) {
                known.add(op.node());
                return Outcome.AGAIN;
            }
        }
        if (Znodes.isConnectionProblem(e)) {
            return Outcome.RETRY_LATER;
        }
        return code == KeeperException.Code.NOAUTH || code == KeeperException.Code.INVALIDACL || code == KeeperException.Code.BADARGUMENTS
                ? Outcome.FAILED : Outcome.RETRY_LATER;
    }

    private void fenced(Op op) {
        List<Op> dropped = new ArrayList<>();
        synchronized (this) {
            queue.values().removeIf(o -> {
                if (o.fence().equals(op.fence())) {
                    dropped.add(o);
                    return true;
                }
                return false;
            });
            if (op.fence().equals(fencedOut)) {
                return;
            }
            fencedOut = op.fence();
        }
        LOG.info("Lock node {} is gone: this agent no longer leads, so {} unwritten alert state change(s) of its time as leader are "
                + "dropped (the new leader owns the state)", op.fence(), dropped.size() + 1);
    }
}
