package io.zkmon.http;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.PathStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * zkmon's metrics, computed at scrape time from one {@link MonitorView#status()} snapshot and the
 * {@link TransitionLog}; nothing is updated per event, so a scrape always agrees with {@code /status}.
 *
 * <p>State labels are lower case ({@code ok}, {@code error}, {@code unknown}), like the {@code outcome} label.
 * {@code zkmon_path_in_spec} is absent for a path whose state is unknown (e.g. while disconnected), so that
 * {@code zkmon_path_in_spec == 0} only ever means a real violation.
 */
final class ZkmonCollector implements MultiCollector {

    private static final Labels NONE = Labels.EMPTY;

    static final MetricMetadata IN_SPEC = new MetricMetadata("zkmon_path_in_spec",
            "1 when the path meets its spec, 0 when it does not; absent while its state is unknown.");
    static final MetricMetadata CHILDREN = new MetricMetadata("zkmon_path_children", "Number of children of the path.");
    static final MetricMetadata TRANSITIONS = new MetricMetadata("zkmon_path_transitions",
            "State changes of the path since this server started, by the state changed to.");
    static final MetricMetadata NOTIFICATIONS = new MetricMetadata("zkmon_notifications",
            "Notification delivery attempts since start, by alerter and outcome (sent, retry, failed, gave_up).");
    static final MetricMetadata CONNECTED = new MetricMetadata("zkmon_zookeeper_connected",
            "1 while the ZooKeeper session is connected.");
    static final MetricMetadata LEADER = new MetricMetadata("zkmon_alerting_leader",
            "1 while this agent is the one that sends alerts.");
    static final MetricMetadata WATCHED = new MetricMetadata("zkmon_watched_paths",
            "Number of watched paths (a glob counts once per matching path).");
    static final MetricMetadata BY_STATE = new MetricMetadata("zkmon_paths", "Number of watched paths in each state.");

    private final MonitorView monitor;
    private final TransitionLog transitions;

    ZkmonCollector(MonitorView monitor, TransitionLog transitions) {
        this.monitor = monitor;
        this.transitions = transitions;
    }

    @Override
    public MetricSnapshots collect() {
        MonitorStatus s = monitor.status();
        List<GaugeDataPointSnapshot> inSpec = new ArrayList<>(s.paths().size());
        List<GaugeDataPointSnapshot> children = new ArrayList<>(s.paths().size());
        long[] byState = new long[State.values().length];
        for (PathStatus p : s.paths()) {
            Labels path = Labels.of("path", p.path());
            byState[p.state().ordinal()]++;
            if (p.state() != State.UNKNOWN) {
                inSpec.add(gauge(p.state() == State.OK ? 1 : 0, path));
            }
            children.add(gauge(p.childCount(), path));
        }
        List<GaugeDataPointSnapshot> states = new ArrayList<>();
        for (State st : State.values()) {
            states.add(gauge(byState[st.ordinal()], Labels.of("state", label(st))));
        }
        return MetricSnapshots.of(
                new GaugeSnapshot(IN_SPEC, inSpec),
                new GaugeSnapshot(CHILDREN, children),
                new CounterSnapshot(TRANSITIONS, transitionCounts()),
                new CounterSnapshot(NOTIFICATIONS, notificationCounts(s.dispatcher().counters())),
                new GaugeSnapshot(CONNECTED, List.of(gauge(s.connected() ? 1 : 0, NONE))),
                new GaugeSnapshot(LEADER, List.of(gauge(s.dispatcher().alerting() ? 1 : 0, NONE))),
                new GaugeSnapshot(WATCHED, List.of(gauge(s.paths().size(), NONE))),
                new GaugeSnapshot(BY_STATE, states));
    }

    private List<CounterDataPointSnapshot> transitionCounts() {
        List<CounterDataPointSnapshot> out = new ArrayList<>();
        transitions.forEach((path, history) -> {
            for (State st : State.values()) {
                long n = history.count(st);
                if (n > 0) {
                    out.add(counter(n, Labels.of("path", path, "to", label(st))));
                }
            }
        });
        return out;
    }

    private static List<CounterDataPointSnapshot> notificationCounts(Map<String, Map<DeliveryOutcome, Long>> counters) {
        List<CounterDataPointSnapshot> out = new ArrayList<>();
        counters.forEach((alerter, byOutcome) -> byOutcome.forEach((outcome, n) ->
                out.add(counter(n, Labels.of("alerter", alerter, "outcome", outcome.label())))));
        return out;
    }

    static String label(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return new GaugeDataPointSnapshot(value, labels, null);
    }

    private static CounterDataPointSnapshot counter(double value, Labels labels) {
        return new CounterDataPointSnapshot(value, labels, null, 0L);
    }

    /** Declares the names, types and labels, so that the registry refuses a clash when this collector registers. */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return List.of(
                MetricFamilyDescriptor.of(MetricType.GAUGE, IN_SPEC, Set.of("path")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, CHILDREN, Set.of("path")),
                MetricFamilyDescriptor.of(MetricType.COUNTER, TRANSITIONS, Set.of("path", "to")),
                MetricFamilyDescriptor.of(MetricType.COUNTER, NOTIFICATIONS, Set.of("alerter", "outcome")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, CONNECTED, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, LEADER, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, WATCHED, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, BY_STATE, Set.of("state")));
    }
}
