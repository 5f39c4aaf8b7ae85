package io.zkmon.http;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.PathStatus;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.Version;
import io.zkmon.core.config.MetricsSettings;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zkmon's Prometheus metrics, for a registry of your own: an embedding service exports them next to its own metrics,
 * without zkmon's HTTP server and without any JVM metrics it did not ask for.
 *
 * <pre>{@code
 * try (ZkmonCollector metrics = ZkmonCollector.register(PrometheusRegistry.defaultRegistry, monitor)) {
 *     ...   // your /metrics endpoint now has zkmon_path_in_spec, zkmon_paths, zkmon_zookeeper_connected, ...
 * }
 * }</pre>
 *
 * <p>Values are computed at scrape time from one {@link MonitorView#status()} snapshot; only the state changes
 * counted for {@code zkmon_path_transitions_total} are recorded as they happen (the collector listens to the
 * monitor from registration to {@link #close()}). So a scrape always agrees with {@code /status}.
 *
 * <p>Per-path series ({@code zkmon_path_in_spec}, {@code zkmon_path_children}, {@code zkmon_path_transitions_total})
 * follow {@link MetricsSettings} ({@code settings.metrics} in the config, read at every scrape, so a reload applies):
 * by default the first 1,000 paths in path order, and no spec labels. {@code zkmon_path_series_omitted} counts the
 * paths left out. State labels are lower case ({@code ok}, {@code error}, {@code unknown}), like {@code outcome}.
 * {@code zkmon_path_in_spec} is absent for a path whose state is unknown (e.g. while disconnected), so that
 * {@code zkmon_path_in_spec == 0} only ever means a real violation. The full list is in {@code docs/http.md}.
 */
public final class ZkmonCollector implements MultiCollector, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkmonCollector.class);

    static final MetricMetadata IN_SPEC = new MetricMetadata("zkmon_path_in_spec",
            "1 when the path meets its spec, 0 when it does not; absent while its state is unknown.");
    static final MetricMetadata CHILDREN = new MetricMetadata("zkmon_path_children", "Number of children of the path.");
    static final MetricMetadata TRANSITIONS = new MetricMetadata("zkmon_path_transitions",
            "State changes of the path since this server started, by the state changed to.");
    static final MetricMetadata OMITTED = new MetricMetadata("zkmon_path_series_omitted",
            "Watched paths without per-path series (settings.metrics.path_series caps them).");
    static final MetricMetadata NOTIFICATIONS = new MetricMetadata("zkmon_notifications",
            "Notification delivery attempts since start, by alerter and outcome (sent, retry, failed, gave_up).");
    static final MetricMetadata CONNECTED = new MetricMetadata("zkmon_zookeeper_connected",
            "1 while the ZooKeeper session is connected.");
    static final MetricMetadata SERVER = new MetricMetadata("zkmon_zookeeper_server_info",
            "1, labelled with the ZooKeeper server's version and how zkmon watches it (persistent or one-shot); absent while not connected.");
    static final MetricMetadata LEADER = new MetricMetadata("zkmon_alerting_leader",
            "1 while this agent is the one that sends alerts.");
    static final MetricMetadata WATCHED = new MetricMetadata("zkmon_watched_paths",
            "Number of watched paths (a glob counts once per matching path).");
    static final MetricMetadata BY_STATE = new MetricMetadata("zkmon_paths", "Number of watched paths in each state.");
    static final MetricMetadata SELF_ACTIVE = new MetricMetadata("zkmon_self_alert_active",
            "1 while the condition of a self-alert holds (zkmon cannot see), pending or firing.");
    static final MetricMetadata SELF_FIRING = new MetricMetadata("zkmon_self_alert_firing",
            "1 while a self-alert is firing: its condition lasted past settings.blind_timeout and it was sent.");
    static final MetricMetadata BUILD = new MetricMetadata("zkmon_build_info", "1, labelled with zkmon's version and the Java runtime's.");
    static final MetricMetadata RELOAD_OK = new MetricMetadata("zkmon_config_last_reload_success",
            "1 when the latest config load or reload succeeded, 0 when it failed (the previous config stays in use).");
    static final MetricMetadata RELOAD_AT = new MetricMetadata("zkmon_config_last_reload_timestamp_seconds",
            "When the latest config load or reload was tried, successful or not, in seconds since the epoch.");

    private static final Labels BUILD_LABELS = Labels.of("version", Version.get(), "java_version", System.getProperty("java.version"));

    private final MonitorView monitor;
    private final TransitionLog transitions;
    private final boolean ownsTransitions;
    private final ConfigReloads reloads;
    private final MetricsSettings fixedSettings;
    private PrometheusRegistry registeredIn;
    private volatile int warnedOmitted = -1;

    ZkmonCollector(MonitorView monitor, TransitionLog transitions, boolean ownsTransitions, ConfigReloads reloads,
                   MetricsSettings settings) {
        this.monitor = monitor;
        this.transitions = transitions;
        this.ownsTransitions = ownsTransitions;
        this.reloads = reloads;
        this.fixedSettings = settings;
    }

    /**
     * Registers zkmon's metrics of {@code monitor} in {@code registry}, with the defaults; close the collector to
     * remove them.
     *
     * @throws IllegalArgumentException when the registry already has metrics of these names
     */
    public static ZkmonCollector register(PrometheusRegistry registry, MonitorView monitor) {
        return builder(monitor).register(registry);
    }

    /** Starts building a collector for {@code monitor}, for more than the defaults. */
    public static Builder builder(MonitorView monitor) {
        return new Builder(monitor);
    }

    /** Builds and registers a {@link ZkmonCollector}. */
    public static final class Builder {
        private final MonitorView monitor;
        private ConfigReloads reloads;
        private MetricsSettings settings;

        private Builder(MonitorView monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
        }

        /** Exports {@code zkmon_config_last_reload_*} from these (default: not exported). */
        public Builder configReloads(ConfigReloads reloads) {
            this.reloads = Objects.requireNonNull(reloads, "reloads");
            return this;
        }

        /** Which per-path series to export (default: the monitor's {@code settings.metrics}, read at every scrape). */
        public Builder metrics(MetricsSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Registers the collector in {@code registry}; it listens to the monitor until closed.
         *
         * @throws IllegalArgumentException when the registry already has metrics of these names
         */
        public ZkmonCollector register(PrometheusRegistry registry) {
            TransitionLog log = new TransitionLog(TransitionLog.DEFAULT_CAPACITY);
            ZkmonCollector c = new ZkmonCollector(monitor, log, true, reloads, settings);
            c.registerIn(registry);
            return c;
        }
    }

    /** Registers this collector and, when it keeps its own transition log, starts it listening. */
    synchronized void registerIn(PrometheusRegistry registry) {
        registry.register(this);
        registeredIn = registry;
        if (ownsTransitions) {
            monitor.addListener(transitions);
        }
    }

    /** Removes the metrics from the registry and stops listening to the monitor. Idempotent. */
    @Override
    public synchronized void close() {
        if (registeredIn != null) {
            registeredIn.unregister(this);
            registeredIn = null;
            if (ownsTransitions) {
                monitor.removeListener(transitions);
                transitions.close();
            }
        }
    }

    private MetricsSettings settings() {
        return fixedSettings != null ? fixedSettings : monitor.settings().metrics();
    }

    @Override
    public MetricSnapshots collect() {
        MonitorStatus s = monitor.status();
        MetricsSettings settings = settings();
        List<String> labelKeys = settings.pathLabels();
        int cap = settings.pathSeries();
        List<GaugeDataPointSnapshot> inSpec = new ArrayList<>(Math.min(cap, s.paths().size()));
        List<GaugeDataPointSnapshot> children = new ArrayList<>(Math.min(cap, s.paths().size()));
        Map<String, Labels> exported = new HashMap<>();
        long[] byState = new long[State.values().length];
        int n = 0;
        for (PathStatus p : s.paths()) {
            byState[p.state().ordinal()]++;
            if (n++ >= cap) {
                continue;
            }
            Labels labels = pathLabels(p, labelKeys);
            exported.put(p.path(), labels);
            if (p.state() != State.UNKNOWN) {
                inSpec.add(gauge(p.state() == State.OK ? 1 : 0, labels));
            }
            children.add(gauge(p.childCount(), labels));
        }
        int omitted = Math.max(0, s.paths().size() - cap);
        warnOnce(omitted, cap);
        List<GaugeDataPointSnapshot> states = new ArrayList<>();
        for (State st : State.values()) {
            states.add(gauge(byState[st.ordinal()], Labels.of("state", label(st))));
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(
                new GaugeSnapshot(IN_SPEC, inSpec),
                new GaugeSnapshot(CHILDREN, children),
                new CounterSnapshot(TRANSITIONS, transitionCounts(exported)),
                new GaugeSnapshot(OMITTED, List.of(gauge(omitted, Labels.EMPTY))),
                new CounterSnapshot(NOTIFICATIONS, notificationCounts(s.dispatcher().counters())),
                new GaugeSnapshot(CONNECTED, List.of(gauge(s.connected() ? 1 : 0, Labels.EMPTY))),
                new GaugeSnapshot(SERVER, monitor.server().map(i -> List.of(gauge(1, Labels.of("version", i.version(), "mode",
                        i.mode().label())))).orElse(List.of())),
                new GaugeSnapshot(LEADER, List.of(gauge(s.dispatcher().alerting() ? 1 : 0, Labels.EMPTY))),
                new GaugeSnapshot(WATCHED, List.of(gauge(s.paths().size(), Labels.EMPTY))),
                new GaugeSnapshot(BY_STATE, states),
                new GaugeSnapshot(BUILD, List.of(gauge(1, BUILD_LABELS)))));
        selfAlerts(out);
        if (reloads != null) {
            ConfigReloads.Outcome last = reloads.last();
            out.add(new GaugeSnapshot(RELOAD_OK, List.of(gauge(last.success() ? 1 : 0, Labels.EMPTY))));
            out.add(new GaugeSnapshot(RELOAD_AT, List.of(gauge(last.at().toEpochMilli() / 1000.0, Labels.EMPTY))));
        }
        return new MetricSnapshots(out);
    }

    private static Labels pathLabels(PathStatus p, List<String> keys) {
        if (keys.isEmpty()) {
            return Labels.of("path", p.path());
        }
        String[] names = new String[keys.size() + 1];
        String[] values = new String[keys.size() + 1];
        names[0] = "path";
        values[0] = p.path();
        Map<String, String> specLabels = p.spec().labels();
        for (int i = 0; i < keys.size(); i++) {
            names[i + 1] = keys.get(i);
            values[i + 1] = specLabels.getOrDefault(keys.get(i), "");
        }
        return Labels.of(names, values);
    }

    private void warnOnce(int omitted, int cap) {
        if (omitted > 0 && warnedOmitted != cap) {
            warnedOmitted = cap;
            LOG.warn("/metrics has per-path series for the first {} of {} watched paths (settings.metrics.path_series); "
                    + "zkmon_paths and zkmon_watched_paths count them all", cap, cap + omitted);
        }
    }

    private void selfAlerts(List<MetricSnapshot> out) {
        Map<SelfAlert.Kind, SelfAlert> active = new HashMap<>();
        for (SelfAlert a : monitor.selfAlerts()) {
            active.put(a.kind(), a);
        }
        List<GaugeDataPointSnapshot> activeOnes = new ArrayList<>();
        List<GaugeDataPointSnapshot> firing = new ArrayList<>();
        for (SelfAlert.Kind k : SelfAlert.Kind.values()) {
            Labels l = Labels.of("alert", k.alertName());
            SelfAlert a = active.get(k);
            activeOnes.add(gauge(a != null ? 1 : 0, l));
            firing.add(gauge(a != null && a.firing() ? 1 : 0, l));
        }
        out.add(new GaugeSnapshot(SELF_ACTIVE, activeOnes));
        out.add(new GaugeSnapshot(SELF_FIRING, firing));
    }

    private List<CounterDataPointSnapshot> transitionCounts(Map<String, Labels> exported) {
        List<CounterDataPointSnapshot> out = new ArrayList<>();
        transitions.forEach((path, history) -> {
            Labels labels = exported.get(path);
            if (labels == null) {
                return; // not watched any more, or left out by the cap
            }
            for (State st : State.values()) {
                long n = history.count(st);
                if (n > 0) {
                    out.add(counter(n, labels.add("to", label(st))));
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
        Set<String> path = new LinkedHashSet<>();
        path.add("path");
        path.addAll(settings().pathLabels());
        Set<String> pathTo = new LinkedHashSet<>(path);
        pathTo.add("to");
        List<MetricFamilyDescriptor> out = new ArrayList<>(List.of(
                MetricFamilyDescriptor.of(MetricType.GAUGE, IN_SPEC, path),
                MetricFamilyDescriptor.of(MetricType.GAUGE, CHILDREN, path),
                MetricFamilyDescriptor.of(MetricType.COUNTER, TRANSITIONS, pathTo),
                MetricFamilyDescriptor.of(MetricType.GAUGE, OMITTED, Set.of()),
                MetricFamilyDescriptor.of(MetricType.COUNTER, NOTIFICATIONS, Set.of("alerter", "outcome")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, CONNECTED, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, SERVER, Set.of("version", "mode")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, LEADER, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, WATCHED, Set.of()),
                MetricFamilyDescriptor.of(MetricType.GAUGE, BY_STATE, Set.of("state")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, BUILD, Set.of("version", "java_version")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, SELF_ACTIVE, Set.of("alert")),
                MetricFamilyDescriptor.of(MetricType.GAUGE, SELF_FIRING, Set.of("alert"))));
        if (reloads != null) {
            out.add(MetricFamilyDescriptor.of(MetricType.GAUGE, RELOAD_OK, Set.of()));
            out.add(MetricFamilyDescriptor.of(MetricType.GAUGE, RELOAD_AT, Set.of()));
        }
        return out;
    }
}
