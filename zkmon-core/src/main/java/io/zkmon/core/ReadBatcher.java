package io.zkmon.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Sends the reads of {@link PersistentRecursiveStrategy}: many paths per read-only {@code multi} request, pipelined,
 * never one blocking round trip per path. Batches are sized by the bytes their answers are expected to take (what the
 * last read of each node found, else an estimate learned from answers), to keep each well under the client's packet
 * limit; a node expected to be large, or suspected since a connection was lost while it was read, is read on its own,
 * its stat first, through the {@link ReadSizer}. One batcher serves every session, so what it learned survives a
 * session expiry. Its state is a volatile estimate and the sizer's; it runs on whatever thread calls or answers.
 */
final class ReadBatcher {

    static final int MAX_OPS = 1000;
    private static final int TARGET_BYTES = 256 * 1024;

    private final ReadSizer sizer;
    /** Estimated answer bytes per op, learned from answers (starts pessimistic). */
    private volatile double bytesPerOp = 1024;

    ReadBatcher(ReadSizer sizer) {
        this.sizer = sizer;
    }

    private int opsPerBatch() {
        return (int) Math.max(1, Math.min(MAX_OPS, TARGET_BYTES / Math.max(16, bytesPerOp)));
    }

    private void learn(long bytes, int ops) {
        if (ops > 0) {
            double sample = (double) bytes / ops + 16;
            bytesPerOp = Math.max(sample, bytesPerOp * 0.5);
        }
    }

    /** Reads children (and data + stat where needed) of each target, answering each multi request as it comes. */
    <T extends NodeReader.Target> void readNodes(ZooKeeper zk, List<T> targets, NodeReader.NodesCallback<T> callback) {
        List<Op> ops = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        long bytes = 0;
        for (T t : targets) {
            if (sizer.careful(t)) {
                readCarefully(zk, t, callback);
                continue;
            }
            int n = t.needsData() ? 2 : 1;
            long expected = t.expectedBytes();
            bytes += expected > 0 ? expected + 16L * n : (long) (bytesPerOp * n);
            ops.add(Op.getChildren(t.rawPath()));
            if (t.needsData()) {
                ops.add(Op.getData(t.rawPath()));
            }
            batch.add(t);
            if (ops.size() >= MAX_OPS || bytes >= TARGET_BYTES) {
                sendNodes(zk, ops, batch, callback);
                ops = new ArrayList<>();
                batch = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            sendNodes(zk, ops, batch, callback);
        }
    }

    private <T extends NodeReader.Target> void sendNodes(ZooKeeper zk, List<Op> ops, List<T> batch, NodeReader.NodesCallback<T> callback) {
        zk.multi(ops, (rc, path, ctx, results) -> {
            // a read-only multi answers every op; rc carries the first op's error (e.g. NONODE), not a failure
            if (results == null || results.size() != ops.size()) {
                String code = String.valueOf(Code.get(rc));
                boolean lost = NodeReader.connectionLost(code);
                if (lost) {
                    // perhaps the answer was too large for the client: each of these is read on its own next time
                    batch.forEach(t -> sizer.lost(t.rawPath()));
                }
                callback.failed(batch, code, lost);
                return;
            }
            long bytes = 0;
            for (OpResult r : results) {
                if (r instanceof OpResult.GetChildrenResult c) {
                    for (String s : c.getChildren()) {
                        bytes += s.length() + 4;
                    }
                    sizer.learnNames(c.getChildren());
                } else if (r instanceof OpResult.GetDataResult d && d.getData() != null) {
                    bytes += d.getData().length + 80;
                }
            }
            learn(bytes, ops.size());
            batch.forEach(t -> sizer.read(t.rawPath()));
            callback.read(batch, new MultiAnswers(batch, results));
        }, null);
    }

    /**
     * Reads one node on its own: its stat first, then what of it fits in one reply (a list too long is only counted,
     * data too large is not read and the node is unreadable, saying why).
     */
    private <T extends NodeReader.Target> void readCarefully(ZooKeeper zk, T t, NodeReader.NodesCallback<T> callback) {
        String path = t.rawPath();
        zk.exists(path, false, (rc, p, ctx, stat) -> {
            if (rc == Code.NONODE.intValue()) {
                callback.read(List.of(t), OneNode.MISSING);
                return;
            }
            if (rc != Code.OK.intValue()) {
                String code = String.valueOf(Code.get(rc));
                if (NodeReader.connectionLost(code)) {
                    callback.failed(List.of(t), code, true);
                } else {
                    callback.read(List.of(t), OneNode.failed(code));
                }
                return;
            }
            ReadSizer.Plan plan = sizer.plan(path, stat, t.needsData());
            if (plan.dataError() != null) {
                callback.read(List.of(t), OneNode.failed(plan.dataError()));
                return;
            }
            if (!plan.readChildren() && t.needsChildNames()) {
                callback.read(List.of(t), OneNode.failed(sizer.tooManyChildren(plan.countOnly())));
                return;
            }
            List<Op> ops = new ArrayList<>(2);
            if (plan.readChildren()) {
                ops.add(Op.getChildren(path));
            }
            if (plan.readData()) {
                ops.add(Op.getData(path));
            }
            if (ops.isEmpty()) {
                callback.read(List.of(t), OneNode.counted(plan.countOnly(), null, 0));
                return;
            }
            zk.multi(ops, (rc2, p2, ctx2, results) -> {
                if (results == null || results.size() != ops.size()) {
                    String code = String.valueOf(Code.get(rc2));
                    boolean lost = NodeReader.connectionLost(code);
                    if (lost) {
                        sizer.lost(path);
                    }
                    callback.failed(List.of(t), code, lost);
                    return;
                }
                List<String> children = null;
                byte[] data = null;
                long mtime = 0;
                for (OpResult r : results) {
                    if (r instanceof OpResult.GetChildrenResult c) {
                        children = c.getChildren();
                    } else if (r instanceof OpResult.GetDataResult d) {
                        data = d.getData();
                        mtime = d.getStat().getMtime();
                    } else if (r instanceof OpResult.ErrorResult err) {
                        if (err.getErr() == Code.NONODE.intValue()) {
                            callback.read(List.of(t), OneNode.MISSING); // deleted since its stat
                        } else {
                            callback.read(List.of(t), OneNode.failed(String.valueOf(Code.get(err.getErr()))));
                        }
                        return;
                    }
                }
                if (plan.readChildren()) {
                    sizer.read(path);
                    callback.read(List.of(t), OneNode.read(children, data, mtime));
                } else {
                    callback.read(List.of(t), OneNode.counted(plan.countOnly(), data, mtime));
                }
            }, null);
        }, null);
    }

    /** The answer for one node read on its own. */
    record OneNode(List<String> children, int count, byte[] data, long mtime, String error) implements NodeReader.NodeAnswers {
        static final OneNode MISSING = new OneNode(null, -1, null, 0, null);

        static OneNode read(List<String> children, byte[] data, long mtime) {
            return new OneNode(children, -1, data, mtime, null);
        }

        static OneNode counted(int count, byte[] data, long mtime) {
            return new OneNode(null, count, data, mtime, null);
        }

        static OneNode failed(String error) {
            return new OneNode(null, -1, null, 0, error);
        }

        @Override
        public List<String> children(int i) {
            return children;
        }

        @Override
        public byte[] data(int i) {
            return data;
        }

        @Override
        public long mtime(int i) {
            return mtime;
        }

        @Override
        public String error(int i) {
            return error;
        }

        @Override
        public int childCount(int i) {
            return count;
        }
    }

    /**
     * Reads the data of every child of a node, then answers for all of them together: with every child's data when
     * every part worked, else with the first part's error. Answers come in order on one thread, so the last one
     * answers for all.
     */
    void readChildrenData(ZooKeeper zk, String rawParent, String[] children, NodeReader.ChildrenDataCallback callback) {
        if (sizer.childrenSuspected(rawParent)) {
            sizer.statsFirst(zk, null, rawParent, children, callback, (fitting, sizes, cb) -> readChildrenData(zk, rawParent, fitting, sizes, cb));
            return;
        }
        readChildrenData(zk, rawParent, children, null, callback);
    }

    /** @param sizes each child's data length when asked first, else null (batches by the learned estimate) */
    private void readChildrenData(ZooKeeper zk, String rawParent, String[] children, int[] sizes, NodeReader.ChildrenDataCallback callback) {
        boolean sized = sizes != null;
        if (children.length == 0) {
            callback.read(Map.of(), null);
            return;
        }
        Map<String, byte[]> collected = new HashMap<>();
        int limit = opsPerBatch();
        List<int[]> parts = new ArrayList<>();
        for (int from = 0; from < children.length; ) {
            int to = from;
            long bytes = 0;
            while (to < children.length && to - from < (sized ? MAX_OPS : limit) && (!sized || to == from || bytes + sizes[to] + 80 <= TARGET_BYTES)) {
                bytes += sized ? sizes[to] + 80 : 0;
                to++;
            }
            parts.add(new int[] {from, to});
            from = to;
        }
        int[] remaining = {parts.size()};
        String[] error = {null};
        for (int[] part : parts) {
            int from = part[0];
            int to = part[1];
            List<Op> ops = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ops.add(Op.getData(ZkPaths.child(rawParent, children[i])));
            }
            int start = from;
            zk.multi(ops, (rc, path, ctx, results) -> {
                if (results != null && results.size() == ops.size()) {
                    long bytes = 0;
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i) instanceof OpResult.GetDataResult d) {
                            byte[] data = d.getData() == null ? new byte[0] : d.getData();
                            collected.put(children[start + i], data);
                            bytes += data.length + 80;
                        } else if (results.get(i) instanceof OpResult.ErrorResult err && err.getErr() != Code.NONODE.intValue()
                                && error[0] == null) {
                            error[0] = String.valueOf(Code.get(err.getErr())); // NOAUTH on one child: the count is not known
                        }
                    }
                    learn(bytes, ops.size());
                } else if (error[0] == null) {
                    error[0] = String.valueOf(Code.get(rc));
                    if (NodeReader.connectionLost(error[0])) {
                        sizer.childrenLost(rawParent); // next time: each child's size first
                    }
                }
                if (--remaining[0] == 0) {
                    if (error[0] == null && sized) {
                        sizer.childrenRead(rawParent);
                    }
                    callback.read(error[0] == null ? collected : null, error[0]);
                }
            }, null);
        }
    }

    /** Reads one node's data and stat. */
    void readData(ZooKeeper zk, String rawPath, NodeReader.DataCallback callback) {
        zk.getData(rawPath, false, (rc, path, ctx, data, stat) -> {
            if (rc == Code.CONNECTIONLOSS.intValue()) {
                sizer.lost(rawPath);
            }
            answerData(rc, data, stat, callback);
        }, null);
    }

    /** Answers a getData: a failed read is an error, never "gone". */
    static void answerData(int rc, byte[] data, Stat stat, NodeReader.DataCallback callback) {
        if (rc == Code.OK.intValue()) {
            callback.read(true, data, stat == null ? 0 : stat.getMtime(), null);
        } else if (rc == Code.NONODE.intValue()) {
            callback.read(false, null, 0, null);
        } else {
            callback.read(false, null, 0, String.valueOf(Code.get(rc)));
        }
    }

    /** Lists one node's children. */
    void listChildren(ZooKeeper zk, String rawPath, NodeReader.ChildrenCallback callback) {
        zk.getChildren(rawPath, false, (rc, path, ctx, children) -> {
            if (rc == Code.OK.intValue()) {
                callback.listed(children, null);
            } else {
                callback.listed(null, rc == Code.NONODE.intValue() ? null : String.valueOf(Code.get(rc)));
            }
        }, null);
    }
}
