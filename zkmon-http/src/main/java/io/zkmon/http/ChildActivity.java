package io.zkmon.http;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.MonitorView;
import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to each path's children since this server started: the names that last came and went, and the child
 * count over the last hours ({@link CountSeries}), for {@code /api/v1/paths/{path}/history} and the dashboard's chart.
 *
 * <p>Called on the monitor's engine thread, so it only updates memory. A path costs a small record holding a
 * reference to the children list the monitor already holds (to tell what changed at the next update); a series
 * only once its count changes, and all series together at most {@link #DEFAULT_BUDGET} points. A path's record goes
 * when the path stops being watched.
 */
final class ChildActivity implements MonitorListener {

    /** Points shared by every series: 1,000,000 points of 16 bytes, about 16 MB at most. */
    static final long DEFAULT_BUDGET = 1_000_000;

    /** Names kept per change (a mass restart removes hundreds at once; the count says how many there were). */
    static final int MAX_NAMES = 20;

    /**
     * The last change of one kind: which children, how many, when.
     *
     * @param names    at most {@link #MAX_NAMES} of them, sorted
     * @param count    how many there were
     * @param atMillis when, epoch ms
     */
    record Change(List<String> names, int count, long atMillis) {
    }

    /**
     * A path's children activity, copied out for a reader.
     *
     * @param lastAdded   the last children that appeared, or null
     * @param lastRemoved the last children that vanished, or null
     * @param before      the count at the start of the window
     * @param knownSince  since when the count is known, epoch ms
     * @param points      the minutes in which the count changed, oldest first
     */
    record Snapshot(Change lastAdded, Change lastRemoved, int before, long knownSince, List<CountSeries.Point> points) {
    }

    private static final class Activity {
        List<String> children;      // as last seen, when known
        Change lastAdded;
        Change lastRemoved;
        CountSeries series;
    }

    private final MonitorView monitor;
    private final Clock clock;
    private final long startedMillis;
    private final AtomicLong budget;
    private final Map<String, Activity> byPath = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param monitor the monitor, to read a path's children when it changes state
     * @param clock   when things happen, the same clock that says "now" to readers (the server's)
     * @param budget  points shared by every series
     */
    ChildActivity(MonitorView monitor, Clock clock, long budget) {
        this.monitor = monitor;
        this.clock = clock;
        this.startedMillis = clock.millis();
        this.budget = new AtomicLong(budget);
    }

    /** Takes note of every path's children now, so the first change of each can be told apart. */
    void initialize(List<PathStatus> paths) {
        for (PathStatus p : paths) {
            if (known(p)) {
                Activity a = byPath.computeIfAbsent(p.path(), k -> new Activity());
                synchronized (a) {
                    if (a.children == null) { // an event since the listener was added knows better
                        a.children = p.children();
                    }
                }
            }
        }
    }

    @Override
    public void onTransition(Transition t) {
        PathStatus now = monitor.status(t.path());
        if (now != null) {
            seen(now, clock.millis());
        }
    }

    @Override
    public void onUpdate(PathStatus status) {
        seen(status, clock.millis());
    }

    @Override
    public void onPathRemoved(PathSpec spec, String reason) {
        Activity a = byPath.remove(spec.path());
        if (a != null) {
            synchronized (a) {
                if (a.series != null) {
                    a.series.release();
                    a.series = null;
                }
            }
        }
    }

    /** A path is known once read: a path not read yet (or not since its spec changed) has no children to compare. */
    private static boolean known(PathStatus p) {
        return p.state() != State.UNKNOWN || p.exists();
    }

    private void seen(PathStatus p, long at) {
        if (closed || !known(p)) {
            return;
        }
        Activity a = byPath.computeIfAbsent(p.path(), k -> new Activity());
        synchronized (a) {
            List<String> before = a.children;
            List<String> after = p.children();
            a.children = after;
            if (before == null || before == after) {
                return;
            }
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            int[] counts = diff(before, after, added, removed);
            if (counts[0] > 0) {
                a.lastAdded = new Change(List.copyOf(added), counts[0], at);
            }
            if (counts[1] > 0) {
                a.lastRemoved = new Change(List.copyOf(removed), counts[1], at);
            }
            if (before.size() != after.size()) {
                if (a.series == null) {
                    a.series = new CountSeries(before.size(), startedMillis, budget);
                }
                a.series.record(at, after.size());
            }
        }
    }

    /**
     * Compares two sorted lists of names; collects at most {@link #MAX_NAMES} of each kind.
     *
     * @return how many were added and how many removed
     */
    static int[] diff(List<String> before, List<String> after, List<String> added, List<String> removed) {
        int i = 0;
        int j = 0;
        int nAdded = 0;
        int nRemoved = 0;
        while (i < before.size() || j < after.size()) {
            int c = i == before.size() ? 1 : j == after.size() ? -1 : before.get(i).compareTo(after.get(j));
            if (c == 0) {
                i++;
                j++;
            } else if (c < 0) {
                if (nRemoved++ < MAX_NAMES) {
                    removed.add(before.get(i));
                }
                i++;
            } else {
                if (nAdded++ < MAX_NAMES) {
                    added.add(after.get(j));
                }
                j++;
            }
        }
        return new int[] {nAdded, nRemoved};
    }

    /** A path's activity, or an empty one (no change seen) when it had none. */
    Snapshot snapshot(String path, long nowMillis) {
        Activity a = byPath.get(path);
        if (a == null) {
            return new Snapshot(null, null, -1, startedMillis, List.of());
        }
        synchronized (a) {
            if (a.series == null) {
                return new Snapshot(a.lastAdded, a.lastRemoved, -1, startedMillis, List.of());
            }
            return new Snapshot(a.lastAdded, a.lastRemoved, a.series.countBefore(nowMillis), a.series.knownSinceMillis(),
                    a.series.points(nowMillis));
        }
    }

    /** Points left in the shared budget (for tests). */
    long budgetLeft() {
        return budget.get();
    }

    /** Stops recording and forgets everything. */
    void close() {
        closed = true;
        byPath.clear();
    }
}
