package io.zkmon.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

/**
 * Issues the engine's reads: many paths per read-only {@code multi} request, pipelined, never one blocking round
 * trip per path. Batches are sized to keep each answer well under the client's 1 MiB packet limit, learning the
 * size of an answer as it goes.
 */
final class ReadBatcher {

    static final int MAX_OPS = 1000;
    private static final int TARGET_BYTES = 256 * 1024;

    private final WatchEngine engine;
    /** Estimated answer bytes per op, learned from answers (starts pessimistic). */
    private volatile double bytesPerOp = 1024;

    ReadBatcher(WatchEngine engine) {
        this.engine = engine;
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

    /** Reads children (and data + stat where a rule needs them) of each entry. */
    void readNodes(ZooKeeper zk, long epoch, List<PathEntry> entries, boolean periodic) {
        List<Op> ops = new ArrayList<>();
        List<PathEntry> batch = new ArrayList<>();
        int limit = opsPerBatch();
        for (PathEntry e : entries) {
            ops.add(Op.getChildren(e.rawPath));
            if (e.spec.needsData()) {
                ops.add(Op.getData(e.rawPath));
            }
            batch.add(e);
            if (ops.size() >= limit) {
                sendNodes(zk, epoch, ops, batch, periodic);
                ops = new ArrayList<>();
                batch = new ArrayList<>();
                limit = opsPerBatch();
            }
        }
        if (!batch.isEmpty()) {
            sendNodes(zk, epoch, ops, batch, periodic);
        }
    }

    private void sendNodes(ZooKeeper zk, long epoch, List<Op> ops, List<PathEntry> batch, boolean periodic) {
        zk.multi(ops, (rc, path, ctx, results) -> {
            // a read-only multi answers every op; rc carries the first op's error (e.g. NONODE), not a failure
            if (results == null || results.size() != ops.size()) {
                engine.batchFailed(epoch, batch.size(), Code.get(rc));
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
            engine.nodesRead(epoch, batch, results, periodic);
        }, null);
    }

    /** Reads the data of every child of a filtered entry (during a full read), then reports them together. */
    void readChildData(ZooKeeper zk, long epoch, PathEntry e, String[] children, List<String> added, List<String> removed) {
        Map<String, byte[]> collected = new HashMap<>();
        int limit = opsPerBatch();
        int batches = (children.length + limit - 1) / limit;
        int[] remaining = {batches};
        for (int from = 0; from < children.length; from += limit) {
            int to = Math.min(children.length, from + limit);
            List<Op> ops = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ops.add(Op.getData(ZkPaths.child(e.rawPath, children[i])));
            }
            int start = from;
            zk.multi(ops, (rc, path, ctx, results) -> {
                boolean ok = results != null && results.size() == ops.size();
                long bytes = 0;
                if (ok) {
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i) instanceof OpResult.GetDataResult d) {
                            byte[] data = d.getData() == null ? new byte[0] : d.getData();
                            collected.put(children[start + i], data);
                            bytes += data.length + 80;
                        }
                    }
                    learn(bytes, ops.size());
                }
                if (--remaining[0] == 0) {
                    engine.childDataRead(epoch, e, ok ? collected : null, added, removed);
                }
            }, null);
        }
    }

    /** Reads one child's data after an event. */
    void readChildData(ZooKeeper zk, PathEntry e, String child) {
        zk.getData(ZkPaths.child(e.rawPath, child), false,
                (rc, path, ctx, data, stat) -> engine.oneChildDataRead(zk, e, child, rc == Code.OK.intValue() ? (data == null ? new byte[0] : data) : null),
                null);
    }

    /** Reads a node's own data and stat after an event. */
    void readOwnData(ZooKeeper zk, PathEntry e) {
        zk.getData(e.rawPath, false,
                (rc, path, ctx, data, stat) -> engine.ownDataRead(zk, e, data, stat == null ? 0 : stat.getMtime(), rc == Code.OK.intValue()),
                null);
    }
}
