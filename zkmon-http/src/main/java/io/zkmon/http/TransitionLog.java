package io.zkmon.http;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.spec.PathSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Remembers the recent state changes of each path (for the API and the dashboard) and counts them (for
 * {@code zkmon_path_transitions_total}).
 *
 * <p>Memory stays bounded: only paths that changed state get a {@link PathHistory}, each keeps at most
 * {@code capacity} entries, and a path's history goes when the path stops being watched. A message change within a
 * state (e.g. from 2 to 1 children, both too few) is not a state change and is not recorded. Called on the monitor's
 * engine thread, so it only updates memory.
 */
final class TransitionLog implements MonitorListener {

    /** Entries kept per path. */
    static final int DEFAULT_CAPACITY = 10;

    private final int capacity;
    private final Map<String, PathHistory> byPath = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    TransitionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void onTransition(Transition t) {
        if (closed || !t.stateChanged()) {
            return;
        }
        byPath.computeIfAbsent(t.path(), p -> new PathHistory(capacity)).record(t);
        version.incrementAndGet();
    }

    /** Changes whenever a history does. */
    long version() {
        return version.get();
    }

    @Override
    public void onPathRemoved(PathSpec spec, String reason) {
        byPath.remove(spec.path());
        version.incrementAndGet();
    }

    /** A path's recent state changes, oldest first; empty when it had none. */
    List<PathHistory.Entry> recent(String path) {
        PathHistory h = byPath.get(path);
        return h == null ? List.of() : h.recent();
    }

    /** Visits every path that changed state. */
    void forEach(BiConsumer<String, PathHistory> visitor) {
        byPath.forEach(visitor);
    }

    /** Number of paths with a history. */
    int size() {
        return byPath.size();
    }

    /** Stops recording and forgets everything (the monitor offers no way to remove a listener). */
    void close() {
        closed = true;
        byPath.clear();
    }
}
