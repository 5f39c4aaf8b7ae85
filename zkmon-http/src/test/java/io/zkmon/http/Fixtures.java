package io.zkmon.http;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Values for unit tests: snapshots, transitions, and a view that answers with a snapshot. A snapshot here has no
 * paths (only a monitor makes path statuses): tests of what is written per path run against a real monitor, in the
 * ITs.
 */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    static MonitorStatus status(boolean connected, Map<String, Map<DeliveryOutcome, Long>> counters) {
        return new MonitorStatus("1.2.3", connected, connected, T0, List.of(),
                new DispatcherStatus("host-1234", List.of("email"), true, Map.of(), counters));
    }

    static Transition transition(String path, Compliance from, Compliance to, Instant at) {
        return new Transition(PathSpec.builder(path).minChildren(1).build(), from, to, 0, List.of(), List.of(), at);
    }

    /** A view that answers {@link #status()} with what it was given; the rest comes from the interface's defaults. */
    static final class SnapshotView implements MonitorView {
        volatile MonitorStatus status;
        volatile ServerInfo server;
        volatile List<SelfAlert> selfAlerts = List.of();
        final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

        SnapshotView(MonitorStatus status) {
            this.status = status;
        }

        @Override
        public String agentName() {
            return "host-1234";
        }

        @Override
        public String clusterName() {
            return "zkmonitor";
        }

        @Override
        public MonitorStatus status() {
            return status;
        }

        @Override
        public Optional<ServerInfo> server() {
            return Optional.ofNullable(server);
        }

        @Override
        public List<SelfAlert> selfAlerts() {
            return selfAlerts;
        }

        @Override
        public long generation() {
            return System.identityHashCode(status); // tests replace the whole snapshot
        }

        @Override
        public void addListener(MonitorListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(MonitorListener listener) {
            listeners.remove(listener);
        }
    }
}
