package io.zkmon.core;

import io.zkmon.core.NodeReader.NodeAnswers;
import io.zkmon.core.NodeReader.NodesCallback;
import io.zkmon.core.NodeReader.Target;
import io.zkmon.core.WatchStrategy.Change;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.data.Stat;

/**
 * One node's full read: {@code getChildren} and, where a rule needs it, {@code getData}, both watching; when the
 * node is missing, {@code exists} watching for its creation, and if it is back by then, the reads again. A node
 * expected to be large, or suspected since a connection was lost while it was read, gets its {@code exists}
 * first, and only what fits in one reply is read ({@link ReadSizer}). Events of the node and its children that arrive
 * before the answer are held by {@link OneShotStrategy#emit} and delivered after it. Runs on ZooKeeper's event thread.
 */
final class OneShotRead<T extends Target> implements NodeAnswers {
    /** Times a node found deleted and created again during one full read is read again before it is left to its events. */
    private static final int REREADS = 3;

    private final OneShotStrategy strategy;
    private final T target;
    private final NodesCallback<T> callback;
    private final String path;
    private int pending;
    private int rereads;
    private List<String> children;
    private int countOnly = -1;
    private byte[] data;
    private long mtime;
    private String error;
    private boolean gone;
    private List<Object[]> held;

    OneShotRead(OneShotStrategy strategy, T target, NodesCallback<T> callback) {
        this.strategy = strategy;
        this.target = target;
        this.callback = callback;
        this.path = target.rawPath();
    }

    void start() {
        strategy.inFlight.put(path, this);
        if (strategy.sizer.careful(target)) {
            sendStat();
        } else {
            sendReads(-1, target.needsData());
        }
    }

    /** {@code exists}, watching: the node's size, or a watch for its creation. */
    private void sendStat() {
        strategy.zk.exists(path, strategy, (AsyncCallback.StatCallback) (rc, p, ctx, stat) -> statAnswered(rc, stat), null);
    }

    private void statAnswered(int rc, Stat stat) {
        children = null;
        countOnly = -1;
        data = null;
        mtime = 0;
        error = null;
        if (rc == Code.NONODE.intValue()) {
            answer(); // missing, and watched for its creation
            return;
        }
        if (rc != Code.OK.intValue()) {
            error = String.valueOf(Code.get(rc));
            finish();
            return;
        }
        if (rereads > REREADS) {
            // created and deleted again and again while we read: answer it missing, and let its creation be read
            hold(path, Change.CREATED);
            hold(path, Change.CHILDREN_CHANGED);
            answer();
            return;
        }
        ReadSizer.Plan plan = strategy.sizer.plan(path, stat, target.needsData());
        if (plan.dataError() != null) {
            error = plan.dataError();
        } else if (!plan.readChildren() && target.needsChildNames()) {
            error = strategy.sizer.tooManyChildren(plan.countOnly());
        }
        if (error != null) {
            answer();
            return;
        }
        sendReads(plan.countOnly(), plan.readData());
    }

    /**
     * @param count    -1 to read the children, else their number (too many to list)
     * @param withData whether to read the data
     */
    private void sendReads(int count, boolean withData) {
        children = null;
        countOnly = count;
        data = null;
        mtime = 0;
        error = null;
        gone = false;
        pending = (count < 0 ? 1 : 0) + (withData ? 1 : 0);
        if (pending == 0) {
            answer(); // only counted: its stat said it all
            return;
        }
        if (count < 0) {
            strategy.zk.getChildren(path, strategy, (AsyncCallback.Children2Callback) (rc, p, ctx, list, stat) -> {
                if (rc == Code.OK.intValue()) {
                    children = list;
                    strategy.sizer.learnNames(list);
                } else {
                    failedWith(rc);
                }
                partDone();
            }, null);
        }
        if (withData) {
            strategy.zk.getData(path, strategy, (rc, p, ctx, bytes, stat) -> {
                if (rc == Code.OK.intValue()) {
                    data = bytes;
                    mtime = stat == null ? 0 : stat.getMtime();
                } else {
                    failedWith(rc);
                }
                partDone();
            }, null);
        }
    }

    private void failedWith(int rc) {
        if (rc == Code.NONODE.intValue()) {
            gone = true;
        } else if (error == null) {
            error = String.valueOf(Code.get(rc));
        }
    }

    private void partDone() {
        if (--pending > 0) {
            return;
        }
        if (error != null) {
            finish();
        } else if (gone) {
            rereads++;
            sendStat(); // watch for its return; read it again if it is back already
        } else {
            if (countOnly < 0) {
                strategy.sizer.read(path);
            }
            answer();
        }
    }

    /** Answers an error: a lost connection fails the read (and the node is read on its own next time). */
    private void finish() {
        if (NodeReader.connectionLost(error)) {
            strategy.sizer.lost(path);
            done();
            callback.failed(List.of(target), error, true);
        } else {
            answer();
        }
    }

    /** An event of this node or of a child, arriving before the answer: delivered after it. */
    void hold(String raw, Change change) {
        if (held == null) {
            held = new ArrayList<>(2);
        }
        held.add(new Object[] {raw, change});
    }

    private void done() {
        strategy.inFlight.remove(path, this);
    }

    private void answer() {
        done();
        callback.read(List.of(target), this);
        if (held != null) {
            for (Object[] h : held) {
                strategy.emit((String) h[0], (Change) h[1]);
            }
        }
    }

    @Override
    public List<String> children(int i) {
        return error != null ? null : children;
    }

    @Override
    public byte[] data(int i) {
        return error != null || (children == null && countOnly < 0) ? null : data;
    }

    @Override
    public long mtime(int i) {
        return error != null || (children == null && countOnly < 0) ? 0 : mtime;
    }

    @Override
    public String error(int i) {
        return error;
    }

    @Override
    public int childCount(int i) {
        return error != null ? -1 : countOnly;
    }
}
