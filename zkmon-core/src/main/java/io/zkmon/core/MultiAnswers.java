package io.zkmon.core;

import java.util.List;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.OpResult;

/** The answers of one multi request, as {@link NodeReader.NodeAnswers}: getChildren, then getData where needed. */
final class MultiAnswers implements NodeReader.NodeAnswers {
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
