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
 * never one blocking round trip per path. Batches are sized to keep each answer well under the client's 1 MiB packet
 * limit, learning the size of an answer as it goes; one batcher serves every session, so what it learned survives a
 * session expiry. Its one piece of state is a volatile estimate; it runs on whatever thread calls or answers.
 */
final class ReadBatcher {

    static final int MAX_OPS = 1000;
    private static final int TARGET_BYTES = 256 * 1024;

    /** Estimated answer bytes per op, learned from answers (starts pessimistic). */
    private volatile double bytesPerOp = 1024;

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
        int limit = opsPerBatch();
        for (T t : targets) {
            ops.add(Op.getChildren(t.rawPath()));
            if (t.needsData()) {
                ops.add(Op.getData(t.rawPath()));
            }
            batch.add(t);
            if (ops.size() >= limit) {
                sendNodes(zk, ops, batch, callback);
                ops = new ArrayList<>();
                batch = new ArrayList<>();
                limit = opsPerBatch();
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
                Code code = Code.get(rc);
                callback.failed(batch, String.valueOf(code), code == Code.CONNECTIONLOSS || code == Code.SESSIONEXPIRED);
                return;
            }
            long bytes = 0;
            for (OpResult r : results) {
                if (r instanceof OpResult.GetChildrenResult c) {
                    for (String s : c.getChildren()) {
                        bytes += s.length() + 4;
                    }
                } else if (r instanceof OpResult.GetDataResult d && d.getData() != null) {
                    bytes += d.getData().length + 80;
                }
            }
            learn(bytes, ops.size());
            callback.read(batch, new MultiAnswers(batch, results));
        }, null);
    }

    /**
     * Reads the data of every child of a node, then answers for all of them together: with every child's data when
     * every part worked, else with the first part's error. Answers come in order on one thread, so the last one
     * answers for all.
     */
    void readChildrenData(ZooKeeper zk, String rawParent, String[] children, NodeReader.ChildrenDataCallback callback) {
        Map<String, byte[]> collected = new HashMap<>();
        int limit = opsPerBatch();
        int batches = (children.length + limit - 1) / limit;
        int[] remaining = {batches};
        String[] error = {null};
        for (int from = 0; from < children.length; from += limit) {
            int to = Math.min(children.length, from + limit);
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
                }
                if (--remaining[0] == 0) {
                    callback.read(error[0] == null ? collected : null, error[0]);
                }
            }, null);
        }
    }

    /** Reads one node's data and stat. */
    void readData(ZooKeeper zk, String rawPath, NodeReader.DataCallback callback) {
        zk.getData(rawPath, false, (rc, path, ctx, data, stat) -> answerData(rc, data, stat, callback), null);
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

    /** The answers of one multi request, as {@link NodeReader.NodeAnswers}: getChildren, then getData where needed. */
    private static final class MultiAnswers implements NodeReader.NodeAnswers {
        private final List<OpResult> results;
        /** Index in {@code results} of each target's getChildren answer, and the op count at the end. */
        private final int[] at;

        MultiAnswers(List<? extends NodeReader.Target> batch, List<OpResult> results) {
            this.results = results;
            this.at = new int[batch.size() + 1];
            for (int i = 0; i < batch.size(); i++) {
                at[i + 1] = at[i] + (batch.get(i).needsData() ? 2 : 1);
            }
        }

        @Override
        public List<String> children(int i) {
            return results.get(at[i]) instanceof OpResult.GetChildrenResult c ? c.getChildren() : null;
        }

        /** The getData answer of a node that exists, or null. */
        private OpResult.GetDataResult dataResult(int i) {
            if (at[i + 1] - at[i] < 2 || children(i) == null) {
                return null;
            }
            return results.get(at[i] + 1) instanceof OpResult.GetDataResult d ? d : null;
        }

        @Override
        public byte[] data(int i) {
            OpResult.GetDataResult d = dataResult(i);
            return d == null ? null : d.getData();
        }

        @Override
        public long mtime(int i) {
            OpResult.GetDataResult d = dataResult(i);
            return d == null ? 0 : d.getStat().getMtime();
        }

        @Override
        public String error(int i) {
            if (results.get(at[i]) instanceof OpResult.ErrorResult err) {
                Code code = Code.get(err.getErr());
                return code == Code.NONODE ? null : String.valueOf(code);
            }
            return null;
        }
    }
}
