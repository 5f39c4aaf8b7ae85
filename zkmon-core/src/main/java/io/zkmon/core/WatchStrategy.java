package io.zkmon.core;

import io.zkmon.core.spec.PathPattern;
import java.util.Collection;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;

/**
 * How the engine learns about changes in one ZooKeeper session, and how it reads znodes there: the seam between the
 * engine (paths, specs, compliance) and the protocol features a server offers.
 *
 * <p>{@link PersistentRecursiveStrategy} is the one for ZooKeeper 3.6 and later: persistent recursive watches at the
 * roots of a {@link WatchPlan}, reads batched into read-only {@code multi} requests. Servers before 3.6 have neither,
 * and need a one-shot strategy (see the end).
 *
 * <h2>Life</h2>
 * A {@link Selector} picks the strategy for each session: the engine calls it when it first sees a session (at
 * connect, and after every session expiry), before anything else happens in that session. The strategy lives as long
 * as its session. The engine then calls {@link #watch} and reads every path; it calls {@link #watch} again whenever
 * it reads every path again (a reconnect of the same session, a periodic resync) and after every reload while
 * connected. When the session is replaced the
 * engine drops the strategy without a call (its watches died with the session) and ignores its late events and
 * answers. {@link #close} is called once, when the engine closes while connected.
 *
 * <h2>Threads</h2>
 * The engine calls every method under its lock, from whichever thread it is on (ZooKeeper's event thread, Curator's
 * connection thread, the engine's timer thread): a method sends asynchronous requests and returns, and never blocks.
 * A strategy delivers {@link Events} and answers from any thread, holding none of its own locks, since each delivery
 * takes the engine's lock.
 *
 * <h2>Events in</h2>
 * Report, through {@link Events#changed}, every creation, deletion and data change of a watched path and of its
 * direct children. Events of other nodes may be reported too (a recursive watch sees the whole subtree); the engine
 * ignores them, except creations that match a glob. A change the strategy cannot name (a one-shot children watch
 * says only that the set changed) is {@link Change#CHILDREN_CHANGED}: the engine then reads that path again and
 * lists it again for every glob that could match below it. Report the connection events the session's watchers
 * receive ({@link Events#connected}, {@link Events#disconnected}) in order with the data events, so that answers and
 * events before a disconnect are never taken for ones after it.
 *
 * <h2>Reads out</h2>
 * See {@link NodeReader} for the contract of the reads, above all their order: a read's answer must reflect every
 * event reported before it, because the engine ignores events of a path whose read is in flight.
 *
 * <h2>A one-shot strategy (ZooKeeper 3.4, 3.5)</h2>
 * It fits without changing the engine:
 * <ul>
 *   <li>{@link #watch}: remember the targets; nothing to arm yet, because the full reads that always follow arm the
 *       watches. On a reload, remove the watches of paths no longer in the targets (or let them fire once more: the
 *       engine ignores events of paths it does not watch).</li>
 *   <li>{@link #readNodes}: per path, pipelined plain async {@code getChildren(path, watcher)} and
 *       {@code getData(path, watcher)}, or {@code exists(path, watcher)} when the path is missing, so that its
 *       creation is reported; answer the batch when the last reply is in. No {@code multi}.</li>
 *   <li>{@link #readData}: {@code getData(path, watcher)}; this also arms the data watch of a filtered entry's
 *       child, which the engine reads after every child that appears. {@link #readChildrenData}: the same, per
 *       child. {@link #listChildren}: {@code getChildren(path, watcher)}, so a new glob match shows up as
 *       {@code NodeChildrenChanged} of its parent.</li>
 *   <li>On {@code NodeChildrenChanged}: report {@link Change#CHILDREN_CHANGED}; the engine's read and listing that
 *       follow re-arm the watch. (Optionally diff the children yourself and report each child's
 *       {@link Change#CREATED}/{@link Change#DELETED} instead: cheaper for a filtered entry, whose full read
 *       reads every child's data.) On {@code NodeCreated} of a watched path: report {@link Change#CREATED}, then
 *       {@link Change#CHILDREN_CHANGED}, so its children get read and watched. On {@code NodeDataChanged} and
 *       {@code NodeDeleted}: report them and re-arm with {@code exists(path, watcher)} yourself, since the engine
 *       reads data only where a rule needs it. Report connection events as above.</li>
 *   <li>{@link #close}: remove this strategy's watcher from every path it armed.</li>
 * </ul>
 * A selector that must ask the server what it supports (say, try {@code addWatch} and fall back on
 * {@code UNIMPLEMENTED}) can return a strategy that asks first and queues requests until it knows.
 */
interface WatchStrategy extends NodeReader {

    /** A name for logs: {@code persistent-recursive}, {@code one-shot}. */
    String name();

    /**
     * Watches the targets, and stops watching what the last targets had that these do not. A new object means the
     * set changed; the same object again (after a reconnect) means "re-arm what is missing".
     */
    void watch(Targets targets);

    /** Removes every watch this strategy set; no event needs to be delivered afterwards. */
    void close();

    /**
     * What to watch: every path the engine keeps (glob matches included) and every glob. Live views of the
     * engine's state: read them only while called, under the engine's lock.
     */
    record Targets(Collection<String> paths, List<PathPattern> globs) {
    }

    /** A change of a node, as a strategy reports it. */
    enum Change {
        CREATED,
        DELETED,
        DATA_CHANGED,
        /** The node's children changed, which ones unknown. */
        CHILDREN_CHANGED
    }

    /** What a strategy tells the engine; bound to one session. Any thread; takes the engine's lock. */
    interface Events {
        /** The session is connected (again). */
        void connected();

        /** The connection is lost, the session expired or the client closed. */
        void disconnected();

        /** A node changed; {@code rawPath} is the path as the server sees it. */
        void changed(String rawPath, Change change);
    }

    /** Picks the strategy for a new session. */
    @FunctionalInterface
    interface Selector {
        /**
         * Called under the engine's lock, on the thread that saw the session, before anything else in it: must not
         * block.
         *
         * @param session the session's client handle (connected)
         * @param events  where the strategy reports; bound to this session
         * @return the strategy for this session
         */
        WatchStrategy select(ZooKeeper session, Events events);
    }
}
