package io.zkmon.core.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Silences, shared by every agent of a cluster (the cluster module keeps them in ZooKeeper; this default keeps them
 * in memory).
 */
public interface SilenceStore {

    /** Every silence, expired ones included until they are removed, ordered by end time. */
    List<Silence> list();

    /**
     * Adds a silence (replacing one with the same id).
     *
     * @throws IllegalStateException when the store cannot take it (a shared store that is full or unreachable), with a
     *                               message for the person who asked
     */
    void add(Silence silence);

    /** Removes a silence; false when there was none with that id. */
    boolean remove(String id);

    /** Called (on any thread) when silences change. */
    void addListener(Runnable onChange);

    /** The active silence covering a path that ends last, if any. */
    default Optional<Silence> covering(String path, Instant now) {
        Silence best = null;
        for (Silence s : list()) {
            if (s.activeAt(now) && s.matches(path) && (best == null || s.until().isAfter(best.until()))) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A store in this process's memory. */
    static SilenceStore inMemory() {
        return new SilenceStore() {
            private final Map<String, Silence> silences = new ConcurrentHashMap<>();
            private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

            @Override
            public List<Silence> list() {
                List<Silence> out = new ArrayList<>(silences.values());
                out.sort(Comparator.comparing(Silence::until));
                return out;
            }

            @Override
            public void add(Silence silence) {
                silences.put(silence.id(), silence);
                listeners.forEach(Runnable::run);
            }

            @Override
            public boolean remove(String id) {
                boolean removed = silences.remove(id) != null;
                if (removed) {
                    listeners.forEach(Runnable::run);
                }
                return removed;
            }

            @Override
            public void addListener(Runnable onChange) {
                listeners.add(onChange);
            }
        };
    }
}
