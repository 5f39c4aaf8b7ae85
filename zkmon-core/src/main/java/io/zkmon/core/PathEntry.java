package io.zkmon.core;

import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's record of one watched znode. Mutated only under the engine's lock; readers use the immutable
 * {@link #status} it publishes. Each group of fields has one owner, named on it: nothing else writes them.
 */
final class PathEntry implements NodeReader.Target {
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
    /**
     * Owned by {@link EntryUpdater}: the number of children when the list is too long for one reply and only counted
     * ({@code Stat.numChildren}), else -1.
     */
    int countOnly = -1;
    volatile PathStatus status;
    /** Owned by {@link OutstandingReads}: a full read of this entry is in flight, so events until its answer are in it. */
    boolean fullReadPending;
    /** Owned by {@link OutstandingReads}: reads in flight that evaluation waits for, so a half-read path never looks out of spec. */
    int deferringReads;
    /** Owned by {@link EntryUpdater}: children that came and went while evaluation waited. */
    List<String> deferredAdded;
    List<String> deferredRemoved;

    PathEntry(String rawPath, PathSpec spec, String glob, PathStatus initial) {
        this.rawPath = rawPath;
        this.spec = spec;
        this.glob = glob;
        this.status = initial;
        this.matching = spec.childFilter() != null ? NONE : null;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public boolean needsData() {
        return spec.needsData();
    }

    @Override
    public boolean needsChildNames() {
        return spec.childFilter() != null;
    }

    @Override
    public long expectedBytes() {
        if (countOnly >= 0) {
            return Long.MAX_VALUE;
        }
        long bytes = 0;
        for (String c : status.childrenArray()) {
            bytes += 4 + c.length();
        }
        if (data != null && spec.needsData()) {
            bytes += data.length;
        }
        return bytes;
    }

    JsonMatcher filter() {
        return spec.childFilter();
    }

    /** Remembers children that came or went while evaluation waits; a child that came and went again cancels out. */
    void defer(List<String> added, List<String> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        if (deferredAdded == null) {
            deferredAdded = new ArrayList<>();
            deferredRemoved = new ArrayList<>();
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
        deferredAdded = null;
        deferredRemoved = null;
    }
}
