package io.zkmon.core;

import io.zkmon.core.config.MonitorSettings;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A monitor as those who only read it see it: status pages, metrics, dashboards, a dispatcher decorator. Every
 * answer comes from memory (nothing here reads ZooKeeper) and nothing here changes the monitor, except that
 * listeners can be added and removed. A {@link ZkMonitor} is one; hand it to readers typed as this interface, so they
 * cannot reload, close or reach into the monitor.
 *
 * <p>The abstract methods are all an implementation needs (a test double, a proxy); the others have defaults derived
 * from {@link #status()} that give the same answers, only slower than the monitor's own. What readers may need later
 * is added as default methods, so an implementation outside zkmon keeps compiling.
 */
public interface MonitorView {

    /** This agent's name ({@code host-pid} unless told otherwise). */
    String agentName();

    /** The cluster's name. */
    String clusterName();

    /** A snapshot of every path, the connection and the dispatcher, from memory. */
    MonitorStatus status();

    /**
     * A number that changes whenever {@link #status()} would answer differently (a path, the connection, the set of
     * paths or the dispatcher changed), so a reader can cache what it renders from a status. Never decreases.
     */
    long generation();

    /** Counts by state and the connection; the monitor's own answer does not touch the paths. */
    default MonitorSummary summary() {
        MonitorStatus s = status();
        int[] byState = new int[State.values().length];
        for (PathStatus p : s.paths()) {
            byState[p.state().ordinal()]++;
        }
        return new MonitorSummary(s.connected(), s.primed(), s.since(), s.paths().size(),
                byState[State.OK.ordinal()], byState[State.ERROR.ordinal()], byState[State.UNKNOWN.ordinal()]);
    }

    /** The status of one watched path, or null when it is not watched. */
    default PathStatus status(String path) {
        for (PathStatus p : status().paths()) {
            if (p.path().equals(path)) {
                return p;
            }
        }
        return null;
    }

    /** The dispatcher's state (what {@link MonitorStatus#dispatcher()} holds), without the paths. */
    default DispatcherStatus dispatcherStatus() {
        return status().dispatcher();
    }

    /**
     * The display name of each alerter id that specs refer to ({@link io.zkmon.core.spec.PathSpec#alerters()} holds
     * ids): {@code email}, {@code oncall}. Names only, never settings. An id missing here is shown as it is.
     */
    default Map<String, String> alerterNames() {
        return Map.of();
    }

    /**
     * The cluster this agent belongs to as it sees it: the agents, and which one sends. Empty when the monitor runs
     * alone, as the only agent, always sending.
     */
    default Optional<ClusterView> cluster() {
        return Optional.empty();
    }

    /** The ZooKeeper server this agent is connected to and how it is watched; empty while not connected. */
    default Optional<ServerInfo> server() {
        return Optional.empty();
    }

    /** Conditions in which zkmon itself cannot see (pending or firing), oldest first. */
    default List<SelfAlert> selfAlerts() {
        return List.of();
    }

    /** The {@code settings:} in effect (what {@code /metrics} exports per path, among others). */
    default MonitorSettings settings() {
        return MonitorSettings.DEFAULT;
    }

    /** Adds a listener; it sees what happens from now on. */
    void addListener(MonitorListener listener);

    /** Removes a listener. */
    void removeListener(MonitorListener listener);
}
