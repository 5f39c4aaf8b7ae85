package io.zkmon.core;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.spec.PathSpec;

/**
 * Observes a monitor. Called on the engine's thread in the order things happen: keep it quick and never block
 * (hand work to another thread if it is slow).
 */
public interface MonitorListener {

    /** A path's compliance changed (state or message). */
    default void onTransition(Transition transition) {
    }

    /** Something else about a path changed (e.g. its child count within the same state). */
    default void onUpdate(PathStatus status) {
    }

    /** A path stopped being watched (glob match deleted, or removed by a reload). */
    default void onPathRemoved(PathSpec spec, String reason) {
    }

    /** The ZooKeeper connection came or went. */
    default void onConnectionChange(boolean connected) {
    }

    /**
     * The engine found out what the ZooKeeper server it is connected to supports (after a connect or reconnect, once
     * the server has told). {@link ServerInfo.WatchMode#UNSUPPORTED} means nothing can be watched there.
     */
    default void onServer(ServerInfo server) {
    }

    /** Every path has been read since the last (re)connect. */
    default void onPrimed() {
    }
}
