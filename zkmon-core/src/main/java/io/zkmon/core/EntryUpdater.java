package io.zkmon.core;

import io.zkmon.core.WatchStrategy.Change;
import io.zkmon.core.spec.Compliance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events and read answers into what each entry knows (children, data, which children match a filter) and
 * into the reads that knowing more needs: the engine's state machine, with no ZooKeeper in it. It owns deferral (a
 * path whose evaluation needs a read in flight shows its membership at once and is judged when the read is back, so
 * a half-read path never looks out of spec), glob matches whose node is deleted, and children counted only once
 * their data is known to match. It asks for reads through a {@link NodeReader}, has each answer's ticket checked by
 * {@link OutstandingReads}, and leaves judging and publishing to the {@link EntryEvaluator}.
 *
 * <p>Not thread-safe: everything runs under the engine's lock, and the answers of its reads are delivered there.
 */
final class EntryUpdater {

    // the engine's parts log as the engine: the daemon's log reads as it always has
    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);
    private static final byte[] EMPTY = new byte[0];

    /** Attempts at a full read that fails as a whole for another reason than a lost connection. */
    static final int READ_ATTEMPTS = 5;

    /** Runs a task later, under the engine's lock, unless the engine is closed by then. */
    @FunctionalInterface
    interface Later {
        void run(Duration after, Runnable task);
    }

    private final PathTable table;
    private final OutstandingReads reads;
    private final NodeReader reader;
    private final EntryEvaluator evaluator;
    private final Later later;

    EntryUpdater(PathTable table, OutstandingReads reads, NodeReader reader, EntryEvaluator evaluator, Later later) {
        this.table = table;
        this.reads = reads;
        this.reader = reader;
        this.evaluator = evaluator;
        this.later = later;
    }

    // ---- full reads ----

    /** Reads each entry afresh (children, and data where needed); events until the answer are in it. */
    void read(Iterable<PathEntry> entries, boolean periodic) {
        read(entries, periodic, 1);
    }

    private void read(Iterable<PathEntry> entries, boolean periodic, int attempt) {
        List<PathEntry> batch = new ArrayList<>();
        long ticket = reads.epoch();
        for (PathEntry e : entries) {
            ticket = reads.beginFullRead(e);
            e.clearDeferred();
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            reader.readNodes(batch, new FullReadAnswer(ticket, periodic, attempt));
        }
    }

    private final class FullReadAnswer implements NodeReader.NodesCallback<PathEntry> {
        private final long ticket;
        private final boolean periodic;
        private final int attempt;

        FullReadAnswer(long ticket, boolean periodic, int attempt) {
            this.ticket = ticket;
            this.periodic = periodic;
            this.attempt = attempt;
        }

        @Override
        public void read(List<PathEntry> part, NodeReader.NodeAnswers answers) {
            for (int i = 0; i < part.size(); i++) {
                PathEntry e = part.get(i);
                if (reads.fullReadAnswered(ticket, e) && table.isCurrent(e)) {
                    nodeRead(e, answers.children(i), answers.childCount(i), answers.data(i), answers.mtime(i), answers.error(i), periodic);
                }
            }
        }

        @Override
        public void failed(List<PathEntry> part, String why, boolean connectionLost) {
            if (ticket != reads.epoch() || connectionLost) {
                // stale, or the connection went: every path is read again when it is back
                return;
            }
            // the reads stay outstanding meanwhile, so the engine does not call itself primed with these paths unread
            if (attempt < READ_ATTEMPTS) {
                Duration wait = Duration.ofSeconds(1L << (attempt - 1));
                LOG.warn("A read of {} paths failed: {}; trying again in {} s (attempt {} of {})", part.size(), why,
                        wait.toSeconds(), attempt, READ_ATTEMPTS);
                later.run(wait, () -> retry(part, periodic, attempt + 1));
            } else {
                LOG.error("A read of {} paths failed {} times: {}; they are Unknown until the next resync reads them", part.size(),
                        attempt, why);
                Compliance unknown = Compliance.unknown("Cannot read the node: " + why + " (" + attempt + " attempts failed; it is read again at the next resync)");
                for (PathEntry e : part) {
                    if (reads.fullReadAnswered(ticket, e) && table.isCurrent(e)) {
                        evaluator.setCompliance(e, unknown, e.status.exists(), known(e), List.of(), List.of(), evaluator.now());
                    }
                }
            }
        }

        /** Settles the failed reads still waited for and reads those entries again, in one step. */
        private void retry(List<PathEntry> part, boolean periodic, int next) {
            List<PathEntry> again = new ArrayList<>();
            for (PathEntry e : part) {
                if (reads.fullReadAnswered(ticket, e) && table.isCurrent(e)) {
                    again.add(e);
                }
            }
            EntryUpdater.this.read(again, periodic, next);
        }
    }

    /** The answer of a full read: children (null when the node does not exist), data and mtime when read. */
    private void nodeRead(PathEntry e, List<String> childList, int counted, byte[] data, long mtime, String error, boolean periodic) {
        if (error != null) {
            String why = error.indexOf(' ') < 0 ? "Cannot read the node: " + error : error;
            if (!why.equals(e.status.message())) {
                LOG.warn("Cannot read {}: {}", e.spec.path(), why);
            }
            e.countOnly = -1;
            evaluator.setCompliance(e, Compliance.unknown(why), false, PathEntry.NONE, List.of(), List.of(), evaluator.now());
            return;
        }
        if (childList == null && counted >= 0) {
            // more children than one reply can hold: counted from the node's stat, names unknown
            if (e.countOnly < 0) {
                LOG.warn("{} has {} children, more than one reply can hold (jute.maxbuffer): counted from its stat, without their names; "
                        + "raise -Djute.maxbuffer to see them", e.spec.path(), counted);
            }
            e.countOnly = counted;
            e.data = data;
            e.mtime = mtime;
            evaluator.evaluate(e, true, PathEntry.NONE, List.of(), List.of());
            return;
        }
        e.countOnly = -1;
        boolean exists = childList != null;
        if (!exists && e.glob != null && !e.spec.requiresExistence()) {
            evaluator.removeEntry(e, "node deleted");
            return;
        }
        String[] next = exists ? SortedNames.of(childList) : PathEntry.NONE;
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        SortedNames.diff(known(e), next, added, removed);
        if (periodic && (!added.isEmpty() || !removed.isEmpty())) {
            LOG.info("Resync of {} found a change: +{} -{}", e.spec.path(), added, removed);
        }
        e.data = exists ? data : null;
        e.mtime = exists ? mtime : 0;
        if (e.filter() != null && exists && next.length > 0) {
            // count matching children only once their data is known, so a half-read path never looks out of spec
            e.matching = SortedNames.keepOnly(e.matching, next);
            long ticket = reads.beginChildrenData(e);
            evaluator.publishChildren(e, next);
            reader.readChildrenData(e.rawPath, next, (dataByChild, why) -> childrenDataRead(ticket, e, dataByChild, why, added, removed));
        } else {
            if (e.filter() != null) {
                e.matching = PathEntry.NONE;
            }
            evaluator.evaluate(e, exists, next, added, removed);
        }
    }

    /** The answer of the data reads of all children of a filtered path: which match. */
    private void childrenDataRead(long ticket, PathEntry e, Map<String, byte[]> dataByChild, String error, List<String> added,
                                  List<String> removed) {
        if (!reads.childrenDataAnswered(ticket, e) || !table.isCurrent(e)) {
            return;
        }
        if (dataByChild == null) {
            if (NodeReader.connectionLost(error)) {
                return; // the disconnect makes the path Unknown, and it is read again after it
            }
            LOG.warn("Could not read the children's data of {}: {}", e.spec.path(), error);
            evaluator.setCompliance(e, Compliance.unknown("Cannot read the children's data: " + error), e.status.exists(), known(e),
                    added, removed, evaluator.now());
            return;
        }
        List<String> match = new ArrayList<>();
        for (String c : known(e)) {
            byte[] d = dataByChild.get(c);
            if (d != null && e.filter().matches(d)) {
                match.add(c);
            } else if (d == null && SortedNames.contains(e.matching, c)) {
                match.add(c); // created after the read was sent: its own read decides
            }
        }
        e.matching = SortedNames.of(match);
        e.defer(added, removed);
        evaluator.evaluateIfSettled(e);
    }

    /** Reads again every entry whose children are only counted: without a child watch (one-shot), polled. */
    void pollCounted() {
        List<PathEntry> counted = new ArrayList<>();
        for (PathEntry e : table.entries()) {
            if (e.countOnly >= 0 && !reads.fullReadPending(e)) {
                counted.add(e);
            }
        }
        if (!counted.isEmpty()) {
            read(counted, false);
        }
    }

    // ---- events ----

    /** A change of a node, reported by the strategy while connected: of a watched path, or of a child of one. */
    void changed(String raw, Change change) {
        PathEntry self = table.get(raw);
        if (self != null && !reads.fullReadPending(self)) {
            onOwnEvent(self, change);
        }
        PathEntry parent = raw.equals("/") ? null : table.get(ZkPaths.parent(raw));
        if (parent != null && !reads.fullReadPending(parent)) {
            onChildEvent(parent, ZkPaths.name(raw), change);
        }
    }

    private void onOwnEvent(PathEntry e, Change change) {
        switch (change) {
            case CREATED -> {
                if (e.spec.needsData()) {
                    long ticket = reads.beginEventRead(e);
                    evaluator.publishExists(e, true);
                    reader.readData(e.rawPath, (exists, data, mtime, error) -> ownDataRead(ticket, e, exists, data, mtime, error));
                } else {
                    evaluator.evaluate(e, true, PathEntry.NONE, List.of(), List.of());
                }
            }
            case DELETED -> {
                if (e.glob != null && !e.spec.requiresExistence()) {
                    evaluator.removeEntry(e, "node deleted");
                    return;
                }
                e.data = null;
                e.mtime = 0;
                e.countOnly = -1;
                String[] prev = known(e);
                if (e.filter() != null) {
                    e.matching = PathEntry.NONE;
                }
                evaluator.evaluate(e, false, PathEntry.NONE, List.of(), Arrays.asList(prev));
            }
            case DATA_CHANGED -> {
                if (e.spec.needsData()) {
                    long ticket = reads.beginEventRead(e);
                    reader.readData(e.rawPath, (exists, data, mtime, error) -> ownDataRead(ticket, e, exists, data, mtime, error));
                }
            }
            case CHILDREN_CHANGED -> read(List.of(e), false); // which children, the strategy cannot say: read them
        }
    }

    private void onChildEvent(PathEntry e, String child, Change change) {
        if (e.countOnly >= 0) {
            if (change == Change.CREATED || change == Change.DELETED) {
                read(List.of(e), false); // only counted: its stat tells the new count
            }
            return;
        }
        String[] children = known(e);
        switch (change) {
            case CREATED -> {
                if (SortedNames.contains(children, child)) {
                    return;
                }
                String[] next = SortedNames.insert(children, child);
                if (e.filter() != null) {
                    long ticket = reads.beginEventRead(e);
                    e.defer(List.of(child), List.of());
                    evaluator.publishChildren(e, next);
                    readChildData(ticket, e, child);
                } else {
                    evaluator.evaluate(e, true, next, List.of(child), List.of());
                }
            }
            case DELETED -> {
                if (!SortedNames.contains(children, child)) {
                    return;
                }
                if (e.filter() != null) {
                    e.matching = SortedNames.delete(e.matching, child);
                }
                evaluator.evaluate(e, true, SortedNames.delete(children, child), List.of(), List.of(child));
            }
            case DATA_CHANGED -> {
                if (e.filter() != null && SortedNames.contains(children, child)) {
                    readChildData(reads.beginEventRead(e), e, child);
                }
            }
            case CHILDREN_CHANGED -> {
                // a grandchild came or went: nothing a rule looks at
            }
        }
    }

    private void readChildData(long ticket, PathEntry e, String child) {
        reader.readData(ZkPaths.child(e.rawPath, child),
                (exists, data, mtime, error) -> childDataRead(ticket, e, child, exists ? (data == null ? EMPTY : data) : null, error));
    }

    /** The answer of one child's data read (after a create or data change event); null data when it is gone. */
    private void childDataRead(long ticket, PathEntry e, String child, byte[] data, String error) {
        if (!reads.eventReadAnswered(ticket, e) || !table.isCurrent(e)) {
            return;
        }
        if (error != null) {
            if (!NodeReader.connectionLost(error)) {
                // the child is there but cannot be read: whether it matches, and so the count, is not known
                LOG.warn("Cannot read {}: {}", ZkPaths.child(e.spec.path(), child), error);
                evaluator.setCompliance(e, Compliance.unknown("Cannot read the data of child " + child + ": " + error), e.status.exists(),
                        known(e), List.of(), List.of(), evaluator.now());
            }
            return; // a lost connection: the disconnect makes the path Unknown, and it is read again after it
        }
        if (SortedNames.contains(known(e), child)) {
            boolean matches = data != null && e.filter().matches(data);
            boolean was = SortedNames.contains(e.matching, child);
            if (matches != was) {
                e.matching = matches ? SortedNames.insert(e.matching, child) : SortedNames.delete(e.matching, child);
            }
        }
        evaluator.evaluateIfSettled(e);
    }

    /** The answer of a node's own data read (after a create or data change event). */
    private void ownDataRead(long ticket, PathEntry e, boolean exists, byte[] data, long mtime, String error) {
        if (!reads.eventReadAnswered(ticket, e) || !table.isCurrent(e)) {
            return;
        }
        if (error != null) {
            // a failed read is not a deleted node: never judge the path by it
            if (!NodeReader.connectionLost(error)) {
                LOG.warn("Cannot read {}: {}", e.spec.path(), error);
                evaluator.setCompliance(e, Compliance.unknown("Cannot read the node: " + error), e.status.exists(), known(e), List.of(),
                        List.of(), evaluator.now());
            }
            return;
        }
        e.data = exists ? data : null;
        e.mtime = exists ? mtime : 0;
        if (exists != e.status.exists()) {
            evaluator.publishExists(e, exists);
        }
        evaluator.evaluateIfSettled(e);
    }

    private static String[] known(PathEntry e) {
        return EntryEvaluator.children(e);
    }
}
