package io.zkmon.http;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values for unit tests: path statuses, snapshots, transitions, and a monitor that only returns a snapshot. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    static PathStatus path(String path, Compliance c, int children) {
        String[] names = new String[children];
        for (int i = 0; i < children; i++) {
            names[i] = "c" + i;
        }
        return new PathStatus(PathSpec.builder(path).minChildren(1).build(), c, true, names, T0.toEpochMilli(), T0.toEpochMilli());
    }

    static MonitorStatus status(boolean connected, List<PathStatus> paths, Map<String, Map<DeliveryOutcome, Long>> counters) {
        return new MonitorStatus("1.2.3", connected, connected, T0, paths,
                new DispatcherStatus("host-1234", List.of("email"), true, Map.of(), counters));
    }

    static Transition transition(String path, Compliance from, Compliance to, Instant at) {
        return new Transition(PathSpec.builder(path).minChildren(1).build(), from, to, 0, List.of(), List.of(), at);
    }

    /** A monitor that answers {@link #status()} with what it was given and ignores everything else. */
    static final class SnapshotMonitor implements ZkMonitor {
        volatile MonitorStatus status;
        final List<MonitorListener> listeners = new ArrayList<>();

        SnapshotMonitor(MonitorStatus status) {
            this.status = status;
        }

        @Override
        public ZkMonitor start() {
            return this;
        }

        @Override
        public boolean awaitPrimed(Duration timeout) {
            return status.primed();
        }

        @Override
        public MonitorStatus status() {
            return status;
        }

        @Override
        public PathStatus status(String path) {
            return status.paths().stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
        }

        @Override
        public MonitorConfig config() {
            return MonitorConfig.of(List.of());
        }

        @Override
        public void reload(MonitorConfig config) {
        }

        @Override
        public void addListener(MonitorListener listener) {
            listeners.add(listener);
        }

        @Override
        public long generation() {
            return System.identityHashCode(status); // tests replace the whole snapshot
        }

        @Override
        public void removeListener(MonitorListener listener) {
            listeners.remove(listener);
        }

        @Override
        public io.zkmon.core.MonitorSummary summary() {
            long[] c = new long[3];
            status.paths().forEach(p -> c[p.state().ordinal()]++);
            return new io.zkmon.core.MonitorSummary(status.connected(), status.primed(), status.since(), status.paths().size(),
                    (int) c[0], (int) c[1], (int) c[2]);
        }

        @Override
        public Dispatcher dispatcher() {
            return new Dispatcher() {
                @Override
                public void accept(Transition transition) {
                }

                @Override
                public DispatcherStatus status() {
                    return status.dispatcher();
                }

                @Override
                public void close() {
                }
            };
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
        public void close() {
        }
    }
}
