package io.zkmon.core;

import io.zkmon.core.spec.PathPattern;
import java.util.Collection;
import java.util.List;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event;
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
 * <h2>Two strategies</h2>
 * {@link PersistentRecursiveStrategy} for 3.6 and later; {@link OneShotStrategy} for 3.4 and 3.5 (and wherever the
 * server cannot tell what it supports): one-shot watches set by the reads themselves, re-armed on every event, and a
 * re-read after every re-arm. The engine asks the server what it supports ({@link ServerProbe}) at every (re)connect,
 * before it reads anything, and hands the answer to the {@link Selector}; when a reconnect lands on a server that
 * supports another mode, the engine closes the strategy and selects another for the same session.
 */
interface WatchStrategy extends NodeReader {

    /** A name for logs: {@code persistent-recursive}, {@code one-shot}. */
    String name();

    /** How it watches; the engine selects another strategy when the server it is connected to needs another mode. */
    ServerInfo.WatchMode mode();

    /**
     * Watches the targets, and stops watching what the last targets had that these do not. A new object means the
     * set changed; the same object again (after a reconnect) means "re-arm what is missing".
     */
    void watch(Targets targets);

    /**
     * Removes the watches this strategy set, where the server can (ZooKeeper 3.4 has no {@code removeWatches}:
     * its one-shot watches end when they fire or with the session); no event is delivered afterwards.
     */
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
    /**
     * Passes a connection event (type {@code None}) on to {@code events}, the same for every strategy.
     *
     * @return true when {@code event} was a connection event, which needs nothing more
     */
    static boolean connectionEvent(WatchedEvent event, Events events, org.slf4j.Logger log) {
        if (event.getType() != Event.EventType.None) {
            return false;
        }
        switch (event.getState()) {
            case SyncConnected, ConnectedReadOnly -> events.connected();
            case Disconnected, Expired, Closed, AuthFailed -> events.disconnected();
            default -> log.debug("Connection event {} needs nothing", event.getState());
        }
        return true;
    }

    interface Events {
        /** The session is connected (again). */
        void connected();

        /** The connection is lost, the session expired or the client closed. */
        void disconnected();

        /** A node changed; {@code rawPath} is the path as the server sees it. */
        void changed(String rawPath, Change change);
    }

    /** Picks the strategy for a session, or for the same session after a reconnect to a server with another mode. */
    @FunctionalInterface
    interface Selector {
        /**
         * Called under the engine's lock, once the engine knows what the server supports: must not block.
         *
         * @param session the session's client handle (connected)
         * @param events  where the strategy reports; bound to this strategy
         * @param server  the server's version and the mode to watch it with (never {@code UNSUPPORTED})
         * @return the strategy for this session
         */
        WatchStrategy select(ZooKeeper session, Events events, ServerInfo server);
    }

    /** The strategy for each mode; the strategies of all sessions share one batcher, so what it learned is kept. */
    static Selector byMode() {
        ReadSizer sizer = new ReadSizer();
        ReadBatcher batcher = new ReadBatcher(sizer);
        return (zk, events, server) -> server.mode() == ServerInfo.WatchMode.PERSISTENT
                ? new PersistentRecursiveStrategy(zk, batcher, events)
                : new OneShotStrategy(zk, events, OneShotStrategy.canRemoveWatches(server.version()), sizer);
    }
}
