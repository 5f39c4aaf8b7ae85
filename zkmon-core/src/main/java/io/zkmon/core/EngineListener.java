package io.zkmon.core;

import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Transition;

/** What the engine reports. Called under the engine's lock: implementations must be quick and must not block. */
interface EngineListener {
    void transition(Transition t);

    void updated(PathStatus s);

    void removed(PathSpec spec, String reason);

    void connection(boolean connected);

    /** The server's version and the watch mode chosen for it, after every (re)connect. */
    void server(ServerInfo server);

    void primed();
}
