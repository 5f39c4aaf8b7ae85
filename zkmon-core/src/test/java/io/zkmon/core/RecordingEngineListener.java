package io.zkmon.core;

import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Transition;
import java.util.ArrayList;
import java.util.List;

/** A {@link EngineListener} that keeps what it hears, for tests. */
final class RecordingEngineListener implements EngineListener {

    final List<Transition> transitions = new ArrayList<>();
    final List<PathStatus> updates = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final List<Boolean> connections = new ArrayList<>();
    final List<ServerInfo> servers = new ArrayList<>();
    int primed;

    @Override
    public void transition(Transition t) {
        transitions.add(t);
    }

    @Override
    public void updated(PathStatus s) {
        updates.add(s);
    }

    @Override
    public void removed(PathSpec spec, String reason) {
        removed.add(spec.path() + ": " + reason);
    }

    @Override
    public void connection(boolean connected) {
        connections.add(connected);
    }

    @Override
    public void server(ServerInfo server) {
        servers.add(server);
    }

    @Override
    public void primed() {
        primed++;
    }

    /** The last transition, which must exist. */
    Transition last() {
        if (transitions.isEmpty()) {
            throw new AssertionError("no transition");
        }
        return transitions.get(transitions.size() - 1);
    }

    void clear() {
        transitions.clear();
        updates.clear();
        removed.clear();
    }
}
