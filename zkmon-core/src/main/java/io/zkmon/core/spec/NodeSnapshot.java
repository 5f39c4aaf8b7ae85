package io.zkmon.core.spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the rules of one path need to know about its znode at one moment, and nothing more.
 * Built by the watch engine (or by hand in tests); read by {@link ComplianceEvaluator}.
 */
public final class NodeSnapshot {

    private static final String[] NONE = new String[0];
    private static final NodeSnapshot MISSING = new NodeSnapshot(false, NONE, 0, -1, null, 0L);

    private final boolean exists;
    private final String[] children;
    private final int childCount;
    private final int matchingChildren;
    private final byte[] data;
    private final long mtimeMillis;

    private NodeSnapshot(boolean exists, String[] children, int childCount, int matchingChildren, byte[] data, long mtimeMillis) {
        this.exists = exists;
        this.children = children;
        this.childCount = childCount;
        this.matchingChildren = matchingChildren;
        this.data = data;
        this.mtimeMillis = mtimeMillis;
    }

    /** A node that does not exist. */
    public static NodeSnapshot missing() {
        return MISSING;
    }

    /**
     * A node that exists.
     *
     * @param children         child names; the array is not copied and must not be changed afterwards
     * @param matchingChildren how many children match the spec's {@code where} filter, or -1 when it has none
     * @param data             the node's data, or null when no rule needs it
     * @param mtimeMillis      the node's last modification time (ZooKeeper {@code Stat.mtime}), or 0 when unknown
     */
    public static NodeSnapshot of(String[] children, int matchingChildren, byte[] data, long mtimeMillis) {
        String[] c = children == null ? NONE : children;
        return new NodeSnapshot(true, c, c.length, matchingChildren, data, mtimeMillis);
    }

    /**
     * A node that exists whose children are counted but not named: more than one ZooKeeper reply can hold, so only
     * its {@code Stat.numChildren} is known. No {@code where} filter can be applied to it.
     *
     * @param childCount  the number of children
     * @param data        the node's data, or null when no rule needs it
     * @param mtimeMillis the node's last modification time, or 0 when unknown
     */
    public static NodeSnapshot counted(int childCount, byte[] data, long mtimeMillis) {
        return new NodeSnapshot(true, NONE, childCount, -1, data, mtimeMillis);
    }

    /** A node that exists with these children and nothing else known. */
    public static NodeSnapshot withChildren(String... children) {
        return of(children.clone(), -1, null, 0L);
    }

    public boolean exists() {
        return exists;
    }

    public int childCount() {
        return childCount;
    }

    /** Child names, unmodifiable; empty when the children were only {@linkplain #counted counted}. */
    public List<String> children() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    /** Children matching the spec's {@code where} filter, or -1 when the spec has none. */
    public int matchingChildren() {
        return matchingChildren;
    }

    /** The node's data, or null when it was not read. */
    public byte[] data() {
        return data;
    }

    /** Last modification time in epoch milliseconds, 0 when unknown. */
    public long mtimeMillis() {
        return mtimeMillis;
    }

    @Override
    public String toString() {
        return exists ? "NodeSnapshot[children=" + childCount + "]" : "NodeSnapshot[missing]";
    }
}
