package io.zkmon.core;

import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;

/**
 * The engine's record of one watched znode. Mutated only under the engine's lock; readers use the immutable
 * {@link #status} it publishes.
 */
final class PathEntry {
    static final String[] NONE = new String[0];

    /** The path as the server sees it (with the client's namespace, if any). */
    final String rawPath;
    /** The glob this entry was expanded from, or null when configured by name. */
    final String glob;
    PathSpec spec;
    /** Children whose data matches the spec's filter (sorted), when it has one. */
    String[] matching;
    /** Node data, kept only when a rule needs it. */
    byte[] data;
    long mtime;
    /** A read of this entry is in flight: events until its answer are already reflected in it. */
    boolean readPending;
    volatile PathStatus status;
    /** Event-driven reads in flight; evaluation waits for them so a half-read path never looks out of spec. */
    int inflight;
    /** Children that came and went while evaluation waited. */
    java.util.List<String> deferredAdded;
    java.util.List<String> deferredRemoved;

    void defer(java.util.List<String> added, java.util.List<String> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        if (deferredAdded == null) {
            deferredAdded = new java.util.ArrayList<>();
            deferredRemoved = new java.util.ArrayList<>();
        }
        for (String c : removed) {
            if (!deferredAdded.remove(c)) {
                deferredRemoved.add(c);
            }
        }
        for (String c : added) {
            if (!deferredRemoved.remove(c)) {
                deferredAdded.add(c);
            }
        }
    }

    void clearDeferred() {
        inflight = 0;
        deferredAdded = null;
        deferredRemoved = null;
    }

    PathEntry(String rawPath, PathSpec spec, String glob, PathStatus initial) {
        this.rawPath = rawPath;
        this.spec = spec;
        this.glob = glob;
        this.status = initial;
        this.matching = spec.childFilter() != null ? NONE : null;
    }

    JsonMatcher filter() {
        return spec.childFilter();
    }
}
