package io.zkmon.core;

/**
 * Every read the engine has in flight, and whether its answer is still wanted: the one place that decides that an
 * answer is stale. It replaces counters that were kept by hand at each read and each answer.
 *
 * <p>A read starts with a {@code begin...} call that returns a ticket; its answer is handed back with that ticket to
 * the matching {@code ...Answered} call, which settles the read and says whether to use the answer. A ticket is the
 * epoch the read was sent in. The epoch moves on at every (re)connect and every full resync, after which every entry
 * is read again, so an answer sent before is stale whatever it says. Within an epoch ZooKeeper answers a session's
 * requests in order, so a full read of an entry makes every read of it sent earlier stale too, and events for an
 * entry whose full read is in flight are already in that read's answer.
 *
 * <p>Three kinds of reads: a <em>full read</em> of an entry (children, and data where a rule needs it); a
 * <em>deferring read</em> that evaluation waits for (the data of a filtered entry's children after a full read, a
 * node's or one child's data after an event); a <em>listing</em> of a glob's subtree. Full reads, the children's
 * data after them and listings make up the current <em>pass</em>: the engine is primed, and may start a periodic
 * resync, once the pass is settled. Every answer of the current epoch settles its read, wanted or not, so an entry
 * dropped or read twice meanwhile cannot leave the pass unsettled.
 *
 * <p>Per-entry marks live in {@link PathEntry#fullReadPending} and {@link PathEntry#deferringReads}, written only
 * here. Not thread-safe: used under the engine's lock.
 */
final class OutstandingReads {

    private long epoch;
    private int pass;

    /** The current epoch: the ticket of a read sent now. */
    long epoch() {
        return epoch;
    }

    /** A (re)connect or a full resync: every read in flight becomes stale. The caller then reads every entry. */
    void newEpoch() {
        epoch++;
        pass = 0;
    }

    /** True when every full read, children's data read and listing of the current epoch has been answered. */
    boolean passSettled() {
        return pass == 0;
    }

    /** True while a full read of the entry is in flight: its events are in that read's answer. */
    boolean fullReadPending(PathEntry e) {
        return e.fullReadPending;
    }

    /** True while reads that the entry's evaluation waits for are in flight. */
    boolean deferring(PathEntry e) {
        return e.deferringReads > 0;
    }

    // ---- full reads ----

    /** A full read of the entry: supersedes every read of it in flight. */
    long beginFullRead(PathEntry e) {
        e.fullReadPending = true;
        e.deferringReads = 0;
        pass++;
        return epoch;
    }

    /** Settles a full read; true when its answer is the one the entry waits for (the first, if it was read twice). */
    boolean fullReadAnswered(long ticket, PathEntry e) {
        if (ticket != epoch) {
            return false;
        }
        pass--;
        if (!e.fullReadPending) {
            return false;
        }
        e.fullReadPending = false;
        return true;
    }

    // ---- deferring reads ----

    /** The data of a filtered entry's children, sent when its full read is answered: part of the pass. */
    long beginChildrenData(PathEntry e) {
        e.deferringReads++;
        pass++;
        return epoch;
    }

    /** Settles a children's data read; true unless it is stale (another epoch, or a newer full read of the entry). */
    boolean childrenDataAnswered(long ticket, PathEntry e) {
        if (ticket != epoch) {
            return false;
        }
        pass--;
        if (e.fullReadPending) {
            return false;
        }
        e.deferringReads--;
        return true;
    }

    /** A read after an event (a node's own data, one child's data): not part of the pass. */
    long beginEventRead(PathEntry e) {
        e.deferringReads++;
        return epoch;
    }

    /** Settles an event read; true unless it is stale (another epoch, or a newer full read of the entry). */
    boolean eventReadAnswered(long ticket, PathEntry e) {
        if (ticket != epoch || e.fullReadPending) {
            return false;
        }
        e.deferringReads--;
        return true;
    }

    // ---- listings ----

    /** A listing of children while expanding a glob: part of the pass. */
    long beginListing() {
        pass++;
        return epoch;
    }

    /** Settles a listing; true unless it is from another epoch. */
    boolean listingAnswered(long ticket) {
        if (ticket != epoch) {
            return false;
        }
        pass--;
        return true;
    }
}
