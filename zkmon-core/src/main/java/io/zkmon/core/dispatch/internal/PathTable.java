package io.zkmon.core.dispatch.internal;

import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paths the dispatcher keeps state for. The map is touched only on the dispatcher's thread; the set of names is
 * also read on the watch engine's thread, to skip transitions that concern nobody.
 */
final class PathTable {

    private final Map<String, Tracked> paths = new HashMap<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /**
     * On the caller's thread: whether a transition needs the dispatcher. Paths that never went out of spec need no
     * state, so a start-up with 100k in-spec paths costs the dispatcher nothing. A path once tracked stays tracked,
     * so a transition cannot race with its path's first one.
     */
    boolean wants(Transition t) {
        if (t.state() == State.ERROR) {
            names.add(t.path());
            return true;
        }
        return names.contains(t.path());
    }

    /** Whether the path was ever tracked (any thread). */
    boolean knows(String path) {
        return names.contains(path);
    }

    /** The path's state, or null. */
    Tracked get(String path) {
        return paths.get(path);
    }

    /** The path's state, created when new. */
    Tracked track(String path) {
        names.add(path);
        return paths.computeIfAbsent(path, Tracked::new);
    }

    /** Drops a path's state. */
    void remove(String path) {
        paths.remove(path);
    }

    /** Every tracked path, live (do not add or remove while iterating). */
    Collection<Tracked> all() {
        return paths.values();
    }

    /** Every tracked path, copied (safe to add or remove while iterating). */
    List<Tracked> snapshot() {
        return List.copyOf(paths.values());
    }
}
