package io.zkmon.core;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What is known of one watched path now. Immutable; read from memory, never from ZooKeeper. Only the monitor makes
 * them (read them through {@link MonitorView}), so that what they carry can grow without breaking anyone.
 */
public final class PathStatus {

    private final PathSpec spec;
    private final Compliance compliance;
    private final String[] children;
    private final int childCount;
    private final boolean exists;
    private final long sinceMillis;
    private final long updatedMillis;

    /**
     * @param spec          the spec
     * @param compliance    the current compliance
     * @param exists        whether the node exists
     * @param children      child names (not copied: must not change afterwards)
     * @param sinceMillis   when the current state began, epoch ms
     * @param updatedMillis when anything about the path last changed, epoch ms
     */
    PathStatus(PathSpec spec, Compliance compliance, boolean exists, String[] children, long sinceMillis, long updatedMillis) {
        this(spec, compliance, exists, children, children.length, sinceMillis, updatedMillis);
    }

    /**
     * @param childCount the number of children: more than {@code children} holds when the list is too long to read
     *                   and only its length is known
     */
    PathStatus(PathSpec spec, Compliance compliance, boolean exists, String[] children, int childCount, long sinceMillis, long updatedMillis) {
        this.spec = spec;
        this.compliance = compliance;
        this.exists = exists;
        this.children = children;
        this.childCount = childCount;
        this.sinceMillis = sinceMillis;
        this.updatedMillis = updatedMillis;
    }

    /** The watched path (a glob's match, not the glob). */
    public String path() {
        return spec.path();
    }

    /** The spec the path is checked against. */
    public PathSpec spec() {
        return spec;
    }

    /** The current compliance: state and message. */
    public Compliance compliance() {
        return compliance;
    }

    /** The current state. */
    public State state() {
        return compliance.state();
    }

    /** What is wrong, or {@code All checks pass.}, or why nothing is known. */
    public String message() {
        return compliance.message();
    }

    /** Whether the node exists (false also while nothing is known). */
    public boolean exists() {
        return exists;
    }

    /**
     * The number of children. When a node has more children than one ZooKeeper reply can hold, this is its
     * {@code Stat.numChildren} and {@link #children()} is empty.
     */
    public int childCount() {
        return childCount;
    }

    /** Child names, sorted, unmodifiable; empty when there are too many to read (see {@link #childCount()}). */
    public List<String> children() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    String[] childrenArray() {
        return children;
    }

    /** When the current state began. */
    public Instant since() {
        return Instant.ofEpochMilli(sinceMillis);
    }

    /** When the path last changed in any way (children, data, state). */
    public Instant updated() {
        return Instant.ofEpochMilli(updatedMillis);
    }

    @Override
    public String toString() {
        return path() + " " + state().display() + " (" + message() + ", " + childCount + " children)";
    }
}
