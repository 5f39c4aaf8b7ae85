package io.zkmon.core;

import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * The published model: every watched path's {@link PathEntry} by raw path, how many paths are in each state, the
 * paths sorted for display, and a generation that moves with every change anyone can see, so readers can cache
 * what they render from it. Like Curator's {@code CuratorCacheStorage}, it knows nothing of ZooKeeper.
 *
 * <p>Written under the engine's lock; its one timer (re-sorting soon after paths come or go) takes that lock too.
 * Read from any thread without a lock: the map is concurrent, the counts atomic, the sorted array and the generation
 * volatile, and each entry's status an immutable {@link PathStatus}.
 */
final class PathTable {

    private static final Duration REORDER_DELAY = Duration.ofMillis(50);

    private final Scheduler scheduler;
    private final Object lock;
    private final Map<String, PathEntry> entries = new ConcurrentHashMap<>();
    /** Paths per state (OK, ERROR, UNKNOWN), kept as states change so summaries cost nothing. */
    private final AtomicIntegerArray stateCounts = new AtomicIntegerArray(3);
    private volatile long generation;
    private volatile PathEntry[] sorted = new PathEntry[0];
    private boolean orderDirty;
    private Scheduler.Task orderTask;
    private boolean closed;

    /**
     * @param scheduler runs the re-sort timer
     * @param lock      the engine's lock, which the timer takes
     */
    PathTable(Scheduler scheduler, Object lock) {
        this.scheduler = scheduler;
        this.lock = lock;
    }

    // ---- writing (engine lock) ----

    /** Adds an entry, or keeps the one already there; the published order follows at once or soon (see below). */
    PathEntry addIfAbsent(PathEntry e) {
        PathEntry had = entries.putIfAbsent(e.rawPath, e);
        if (had != null) {
            return had;
        }
        stateCounts.incrementAndGet(e.status.state().ordinal());
        return e;
    }

    /** The entry of a raw path, made and added if there is none. */
    PathEntry computeIfAbsent(String raw, Function<String, PathEntry> make) {
        return entries.computeIfAbsent(raw, r -> {
            PathEntry e = make.apply(r);
            stateCounts.incrementAndGet(e.status.state().ordinal());
            return e;
        });
    }

    /** Removes the entry of a raw path, if any. */
    PathEntry remove(String raw) {
        PathEntry e = entries.remove(raw);
        if (e != null) {
            stateCounts.decrementAndGet(e.status.state().ordinal());
        }
        return e;
    }

    /** Publishes an entry's new status; every change anyone can see bumps the generation. */
    void publish(PathEntry e, PathStatus next) {
        PathStatus prev = e.status;
        if (next.state() != prev.state()) {
            stateCounts.decrementAndGet(prev.state().ordinal());
            stateCounts.incrementAndGet(next.state().ordinal());
        }
        e.status = next;
        generation++;
    }

    /** Something else anyone can see changed (the connection, priming). */
    void bump() {
        generation++;
    }

    /** Paths came or went: re-sort the published order soon, once for a whole burst (a glob's first walk, say). */
    void orderChanged() {
        orderDirty = true;
        if (orderTask == null && !closed) {
            orderTask = scheduler.schedule(REORDER_DELAY, () -> {
                synchronized (lock) {
                    orderTask = null;
                    if (orderDirty) {
                        republishOrder();
                    }
                }
            });
        }
    }

    /** Re-sorts the published order now if paths came or went since it was last sorted. */
    void republishOrderIfDirty() {
        if (orderDirty) {
            republishOrder();
        }
    }

    /** Re-sorts the published order now. */
    void republishOrder() {
        orderDirty = false;
        generation++;
        PathEntry[] arr = entries.values().toArray(new PathEntry[0]);
        Arrays.sort(arr, (a, b) -> a.spec.path().compareTo(b.spec.path()));
        sorted = arr;
    }

    /** Stops the re-sort timer. */
    void close() {
        closed = true;
        if (orderTask != null) {
            orderTask.cancel();
            orderTask = null;
        }
    }

    // ---- reading ----

    PathEntry get(String raw) {
        return entries.get(raw);
    }

    boolean contains(String raw) {
        return entries.containsKey(raw);
    }

    /** True when the entry is the one the table holds for its path (not dropped or replaced). */
    boolean isCurrent(PathEntry e) {
        return entries.get(e.rawPath) == e;
    }

    /** Every entry, in no order: a live view. */
    Collection<PathEntry> entries() {
        return entries.values();
    }

    /** Every raw path: a live view. */
    Collection<String> rawPaths() {
        return entries.keySet();
    }

    /** A copy of the entries by raw path. */
    Map<String, PathEntry> snapshot() {
        return new HashMap<>(entries);
    }

    /** Entries in the published order (which may lag a path that just came or went by a moment). */
    PathEntry[] sorted() {
        return sorted;
    }

    int size() {
        return entries.size();
    }

    long generation() {
        return generation;
    }

    /** Paths in each state: OK, ERROR, UNKNOWN. */
    int[] stateCounts() {
        return new int[] {stateCounts.get(0), stateCounts.get(1), stateCounts.get(2)};
    }

    /** Statuses of every path in the published order: a view of one moment, reading memory only. */
    List<PathStatus> statuses() {
        PathEntry[] snapshot = sorted;
        return new AbstractList<>() {
            @Override
            public PathStatus get(int index) {
                return snapshot[index].status;
            }

            @Override
            public int size() {
                return snapshot.length;
            }
        };
    }
}
