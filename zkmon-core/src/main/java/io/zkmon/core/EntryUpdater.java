package io.zkmon.core;

import io.zkmon.core.WatchStrategy.Change;
import io.zkmon.core.spec.Compliance;
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

    private final PathTable table;
    private final OutstandingReads reads;
    private final NodeReader reader;
    private final EntryEvaluator evaluator;

    EntryUpdater(PathTable table, OutstandingReads reads, NodeReader reader, EntryEvaluator evaluator) {
        this.table = table;
        this.reads = reads;
        this.reader = reader;
        this.evaluator = evaluator;
    }

    // ---- full reads ----

    /** Reads each entry afresh (children, and data where needed); events until the answer are in it. */
    void read(Iterable<PathEntry> entries, boolean periodic) {
        List<PathEntry> batch = new ArrayList<>();
        long ticket = reads.epoch();
        for (PathEntry e : entries) {
            ticket = reads.beginFullRead(e);
            e.clearDeferred();
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            reader.readNodes(batch, new FullReadAnswer(ticket, periodic));
        }
    }

    private final class FullReadAnswer implements NodeReader.NodesCallback<PathEntry> {
        private final long ticket;
        private final boolean periodic;

        FullReadAnswer(long ticket, boolean periodic) {
            this.ticket = ticket;
            this.periodic = periodic;
        }

        @Override
        public void read(List<PathEntry> part, NodeReader.NodeAnswers answers) {
            for (int i = 0; i < part.size(); i++) {
                PathEntry e = part.get(i);
                if (reads.fullReadAnswered(ticket, e) && table.isCurrent(e)) {
                    nodeRead(e, answers.children(i), answers.data(i), answers.mtime(i), answers.error(i), periodic);
                }
            }
        }

        @Override
        public void failed(List<PathEntry> part, String why, boolean connectionLost) {
            // the reads stay outstanding: their paths stay Unknown, and their events ignored, until read again
            if (ticket == reads.epoch() && !connectionLost) {
                LOG.warn("A read of {} paths failed: {}; they stay Unknown until the next resync", part.size(), why);
            }
        }
    }

    /** The answer of a full read: children (null when the node does not exist), data and mtime when read. */
    private void nodeRead(PathEntry e, List<String> childList, byte[] data, long mtime, String error, boolean periodic) {
        if (error != null) {
            LOG.warn("Cannot read {}: {}", e.spec.path(), error);
            evaluator.setCompliance(e, Compliance.unknown("Cannot read the node: " + error), false, PathEntry.NONE, List.of(), List.of(), evaluator.now());
            return;
        }
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
            reader.readChildrenData(e.rawPath, next, dataByChild -> childrenDataRead(ticket, e, dataByChild, added, removed));
        } else {
            if (e.filter() != null) {
                e.matching = PathEntry.NONE;
            }
            evaluator.evaluate(e, exists, next, added, removed);
        }
    }

    /** The answer of the data reads of all children of a filtered path: which match. */
    private void childrenDataRead(long ticket, PathEntry e, Map<String, byte[]> dataByChild, List<String> added, List<String> removed) {
        if (!reads.childrenDataAnswered(ticket, e) || !table.isCurrent(e)) {
            return;
        }
        if (dataByChild == null) {
            LOG.warn("Could not read the children's data of {}", e.spec.path());
            evaluator.setCompliance(e, Compliance.unknown("Cannot read the children's data"), e.status.exists(), known(e), added, removed, evaluator.now());
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
                    reader.readData(e.rawPath, (exists, data, mtime) -> ownDataRead(ticket, e, exists, data, mtime));
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
                String[] prev = known(e);
                if (e.filter() != null) {
                    e.matching = PathEntry.NONE;
                }
                evaluator.evaluate(e, false, PathEntry.NONE, List.of(), Arrays.asList(prev));
            }
            case DATA_CHANGED -> {
                if (e.spec.needsData()) {
                    long ticket = reads.beginEventRead(e);
                    reader.readData(e.rawPath, (exists, data, mtime) -> ownDataRead(ticket, e, exists, data, mtime));
                }
            }
            case CHILDREN_CHANGED -> read(List.of(e), false); // which children, the strategy cannot say: read them
        }
    }

    private void onChildEvent(PathEntry e, String child, Change change) {
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
                (exists, data, mtime) -> childDataRead(ticket, e, child, exists ? (data == null ? EMPTY : data) : null));
    }

    /** The answer of one child's data read (after a create or data change event); null data when it is gone. */
    private void childDataRead(long ticket, PathEntry e, String child, byte[] data) {
        if (!reads.eventReadAnswered(ticket, e) || !table.isCurrent(e)) {
            return;
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
    private void ownDataRead(long ticket, PathEntry e, boolean exists, byte[] data, long mtime) {
        if (!reads.eventReadAnswered(ticket, e) || !table.isCurrent(e)) {
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
