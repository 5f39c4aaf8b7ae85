package io.zkmon.core;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.ComplianceEvaluator;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.NodeSnapshot;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Rule;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges an entry against its spec and publishes the verdict: evaluates it with the pure {@link ComplianceEvaluator}
 * once nothing it needs is in flight (until then it shows the membership and remembers what came and went), puts
 * the new {@link PathStatus} into the {@link PathTable}, and tells the listener of a transition or an update. It also
 * knows whether the engine is connected: nothing is judged while it is not, and a disconnect makes every path
 * Unknown at once. No ZooKeeper in it.
 *
 * <p>Not thread-safe: runs under the engine's lock; {@link #connected()} may be read from any thread.
 */
final class EntryEvaluator {

    // the engine's parts log as the engine: the daemon's log reads as it always has
    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    private final PathTable table;
    private final OutstandingReads reads;
    private final EngineListener listener;
    private final LongSupplier clock;
    private volatile boolean connected;

    /**
     * @param clock the current time, epoch milliseconds
     */
    EntryEvaluator(PathTable table, OutstandingReads reads, EngineListener listener, LongSupplier clock) {
        this.table = table;
        this.reads = reads;
        this.listener = listener;
        this.clock = clock;
    }

    long now() {
        return clock.getAsLong();
    }

    /** A new entry, Unknown until read. */
    PathEntry newEntry(String raw, PathSpec spec, String glob) {
        return newEntry(raw, spec, glob, clock.getAsLong());
    }

    /** A new entry, Unknown until read, as of {@code now} (epoch ms). */
    PathEntry newEntry(String raw, PathSpec spec, String glob, long now) {
        Compliance unknown = Compliance.unknown(connected ? "Not read yet" : "No information: not connected to ZooKeeper yet");
        return new PathEntry(raw, spec, glob, new PathStatus(spec, unknown, false, PathEntry.NONE, now, now));
    }

    // ---- connection ----

    boolean connected() {
        return connected;
    }

    /** Connected: from now on paths are judged (the caller reads every entry next). */
    void markConnected() {
        connected = true;
    }

    /** Disconnected: every path is Unknown at once, and nothing is judged until connected again. */
    void disconnected(Instant since) {
        connected = false;
        table.republishOrderIfDirty(); // so that a path added a moment ago is in the sorted order too
        Compliance unknown = Compliance.unknown("No information: ZooKeeper disconnected since " + since);
        for (PathEntry e : table.sorted()) {
            setCompliance(e, unknown, e.status.exists(), children(e), List.of(), List.of(), since.toEpochMilli());
        }
    }

    /** The server is one zkmon refuses: every path is Unknown, saying why, and nothing is read. */
    void refuse(String why) {
        table.republishOrderIfDirty();
        Compliance unknown = Compliance.unknown(why);
        long now = clock.getAsLong();
        for (PathEntry e : table.sorted()) {
            setCompliance(e, unknown, false, PathEntry.NONE, List.of(), List.of(), now);
        }
    }

    // ---- judging ----

    /** A new spec that reads the same as the old one: judge the path again by it. */
    void respec(PathEntry e, PathSpec spec) {
        e.spec = spec;
        evaluate(e, e.status.exists(), children(e), List.of(), List.of());
    }

    /** Age rules turn false with time alone: judge again every known path that has one. */
    void sweepAges() {
        for (PathEntry e : table.sorted()) {
            if (hasAgeRule(e.spec) && !reads.fullReadPending(e) && e.status.state() != State.UNKNOWN && table.isCurrent(e)) {
                evaluate(e, e.status.exists(), children(e), List.of(), List.of());
            }
        }
    }

    static boolean hasAgeRule(PathSpec s) {
        for (Rule r : s.rules()) {
            if (r instanceof DataMaxAgeRule) {
                return true;
            }
        }
        return false;
    }

    /** Judges the entry by what it now knows, with the children that came and went while it waited. */
    void evaluateIfSettled(PathEntry e) {
        if (reads.deferring(e)) {
            return;
        }
        List<String> added = e.deferredAdded == null ? List.of() : e.deferredAdded;
        List<String> removed = e.deferredRemoved == null ? List.of() : e.deferredRemoved;
        e.clearDeferred();
        evaluate(e, e.status.exists(), children(e), added, removed);
    }

    /** Judges the entry with this membership, or, while a read it needs is in flight, shows the membership only. */
    void evaluate(PathEntry e, boolean exists, String[] children, List<String> added, List<String> removed) {
        if (!connected) {
            return;
        }
        long now = clock.getAsLong();
        if (reads.deferring(e)) {
            e.defer(added, removed);
            PathStatus prev = e.status;
            table.publish(e, new PathStatus(e.spec, prev.compliance(), exists, children, count(e, children), prev.since().toEpochMilli(), now));
            return;
        }
        NodeSnapshot snap;
        if (!exists) {
            snap = NodeSnapshot.missing();
        } else if (e.countOnly >= 0) {
            snap = NodeSnapshot.counted(e.countOnly, e.data, e.mtime);
        } else {
            snap = NodeSnapshot.of(children, e.filter() == null ? -1 : e.matching.length, e.data, e.mtime);
        }
        setCompliance(e, ComplianceEvaluator.evaluate(e.spec, snap, now), exists, children, added, removed, now);
    }

    /** Publishes a verdict; a change of compliance is a transition, any other visible change an update. */
    void setCompliance(PathEntry e, Compliance c, boolean exists, String[] children, List<String> added, List<String> removed, long now) {
        PathStatus prev = e.status;
        boolean changed = !c.equals(prev.compliance()) || !prev.spec().equals(e.spec);
        boolean stateChanged = c.state() != prev.state();
        int count = count(e, children);
        boolean childrenChanged = children != children(e) || exists != prev.exists() || count != prev.childCount();
        if (!changed && !childrenChanged) {
            return;
        }
        PathStatus next = new PathStatus(e.spec, c, exists, children, count, stateChanged ? now : prev.since().toEpochMilli(), now);
        table.publish(e, next);
        if (!c.equals(prev.compliance())) {
            listener.transition(new Transition(e.spec, prev.compliance(), c, count, added, removed, Instant.ofEpochMilli(now)));
        } else {
            listener.updated(next);
        }
    }

    /** Shows whether the node exists, keeping the verdict until it is judged. */
    void publishExists(PathEntry e, boolean exists) {
        PathStatus prev = e.status;
        String[] children = exists ? prev.childrenArray() : PathEntry.NONE;
        table.publish(e, new PathStatus(e.spec, prev.compliance(), exists, children, exists ? count(e, children) : 0,
                prev.since().toEpochMilli(), clock.getAsLong()));
    }

    /** Shows the children, keeping the verdict until it is judged. */
    void publishChildren(PathEntry e, String[] children) {
        PathStatus prev = e.status;
        table.publish(e, new PathStatus(e.spec, prev.compliance(), true, children, count(e, children), prev.since().toEpochMilli(),
                clock.getAsLong()));
    }

    /** Stops watching a path whose node is gone (a glob match). */
    void removeEntry(PathEntry e, String reason) {
        table.remove(e.rawPath);
        table.orderChanged();
        LOG.info("No longer watching {}: {}", e.spec.path(), reason);
        listener.removed(e.spec, reason);
    }

    /** The number of children to show: the counted number when only that is known. */
    private static int count(PathEntry e, String[] children) {
        return e.countOnly >= 0 && children.length == 0 ? e.countOnly : children.length;
    }

    static String[] children(PathEntry e) {
        return e.status.childrenArray();
    }
}
