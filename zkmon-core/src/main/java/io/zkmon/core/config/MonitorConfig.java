package io.zkmon.core.config;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.spec.PathSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A loaded and validated configuration: path specs, the alerters they use, and settings.
 *
 * @param source   where it came from (a file name or a label)
 * @param paths    path specs, globs included, in file order
 * @param alerters alerters by id
 * @param settings engine and dispatcher settings
 * @param warnings what a file in the old daemon's form had that the old daemon ignored or completed (an unknown key,
 *                 an address without a domain), in file order; empty for the extended form, which is strict
 */
public record MonitorConfig(String source, List<PathSpec> paths, Map<String, AlerterDefinition> alerters, MonitorSettings settings,
                            List<ConfigError> warnings) {

    public MonitorConfig {
        paths = List.copyOf(paths);
        alerters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alerters));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A config without warnings. */
    public MonitorConfig(String source, List<PathSpec> paths, Map<String, AlerterDefinition> alerters, MonitorSettings settings) {
        this(source, paths, alerters, settings, List.of());
    }

    /** This config with these warnings. */
    public MonitorConfig withWarnings(List<ConfigError> list) {
        return new MonitorConfig(source, paths, alerters, settings, list);
    }

    /** A config built in code: the paths, no alerters from a file, default settings. */
    public static MonitorConfig of(List<PathSpec> paths) {
        return new MonitorConfig("<code>", paths, Map.of(), MonitorSettings.DEFAULT);
    }

    /** The spec of a path (or glob), or null. */
    public PathSpec spec(String path) {
        for (PathSpec p : paths) {
            if (p.path().equals(path)) {
                return p;
            }
        }
        return null;
    }

    /** The effective config as YAML with every secret masked, as {@code zkmon validate} prints it. */
    public String describe() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("resync_interval", io.zkmon.core.spec.Durations.format(settings.resyncInterval()));
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("initial_delay", io.zkmon.core.spec.Durations.format(settings.retry().initialDelay()));
        retry.put("max_delay", io.zkmon.core.spec.Durations.format(settings.retry().maxDelay()));
        retry.put("max_attempts", settings.retry().maxAttempts());
        retry.put("window", io.zkmon.core.spec.Durations.format(settings.retry().window()));
        s.put("retry", retry);
        s.put("blind_timeout", io.zkmon.core.spec.Durations.format(settings.blindTimeout()));
        s.put("self_alerters", selfAlerters().stream().map(id -> alerters.containsKey(id) ? alerters.get(id).name() : id).toList());
        Map<String, Object> metrics = new LinkedHashMap<>();
        int series = settings.metrics().pathSeries();
        metrics.put("path_series", series == MetricsSettings.ALL ? "all" : series == 0 ? "none" : series);
        metrics.put("path_labels", settings.metrics().pathLabels());
        s.put("metrics", metrics);
        root.put("settings", s);
        Map<String, Object> al = new LinkedHashMap<>();
        for (AlerterDefinition d : alerters.values()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", d.type());
            one.put("settings", d.printable());
            al.put(d.id(), one);
        }
        root.put("alerters", al);
        Map<String, Object> ps = new LinkedHashMap<>();
        for (PathSpec p : paths) {
            Map<String, Object> one = rules(p);
            one.put("cancel_timeout", io.zkmon.core.spec.Durations.format(p.cancelTimeout()));
            if (!p.repeatInterval().isZero()) {
                one.put("repeat_interval", io.zkmon.core.spec.Durations.format(p.repeatInterval()));
            }
            one.put("alerter", p.alerters().stream().map(id -> alerters.containsKey(id) ? alerters.get(id).name() : id).toList());
            one.put("severity", p.severity().label());
            if (!p.labels().isEmpty()) {
                one.put("labels", new LinkedHashMap<>(p.labels()));
            }
            if (!p.annotations().isEmpty()) {
                one.put("annotations", new LinkedHashMap<>(p.annotations()));
            }
            ps.put(p.path(), one);
        }
        root.put("paths", ps);
        DumpSettings ds = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(ds).dumpToString(root);
    }

    /** A spec's rules written back as the config keys that would give them. */
    private static Map<String, Object> rules(PathSpec p) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (io.zkmon.core.spec.Rule r : p.rules()) {
            if (r instanceof io.zkmon.core.spec.ExistsRule e) {
                out.put("exists", e.exists());
            } else if (r instanceof io.zkmon.core.spec.ChildrenRule c) {
                if (c.max() < 0 && c.where() == null) {
                    out.put("children", c.min());
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("min", c.min());
                    if (c.max() >= 0) {
                        m.put("max", c.max());
                    }
                    if (c.where() != null) {
                        m.put("where", Map.of("json", c.where().expected()));
                    }
                    out.put("children", m);
                }
            } else if (r instanceof io.zkmon.core.spec.DataRegexRule d) {
                data.put("regex", d.pattern().pattern());
            } else if (r instanceof io.zkmon.core.spec.DataJsonRule d) {
                data.put("json", d.matcher().expected());
            } else if (r instanceof io.zkmon.core.spec.DataMaxAgeRule a) {
                out.put("data_max_age", io.zkmon.core.spec.Durations.format(a.maxAge()));
            }
        }
        if (!data.isEmpty()) {
            out.put("data", data);
        }
        if (out.isEmpty()) {
            out.put("exists", "true (no rules: in spec while the node exists)");
        }
        return out;
    }

    /**
     * The ids of the alerters that alerts about zkmon itself (it cannot see) go to: {@code settings.self_alerters} when
     * given; otherwise every alerter a path uses, each destination once: inline alerters of the same type and the same
     * settings (the old daemon's {@code alerter: {email: you@home.com}} repeated on every path) count once, and so does a
     * named one used by many paths. Alerters whose settings hold a secret are told apart by it, so they all count.
     */
    public List<String> selfAlerters() {
        if (settings.selfAlerters() != null) {
            return settings.selfAlerters();
        }
        List<String> ids = new ArrayList<>();
        for (PathSpec p : paths) {
            ids.addAll(p.alerters());
        }
        return distinctDestinations(ids);
    }

    /**
     * The ids of the alerters that take heartbeats ({@link io.zkmon.core.alert.Alerter#heartbeatInterval()} above zero),
     * each destination once, as {@link #selfAlerters()} counts them.
     */
    public List<String> heartbeatAlerters() {
        List<String> ids = new ArrayList<>();
        alerters.forEach((id, d) -> {
            if (d.alerter() != null && d.alerter().heartbeatInterval().compareTo(java.time.Duration.ZERO) > 0) {
                ids.add(id);
            }
        });
        return distinctDestinations(ids);
    }

    private List<String> distinctDestinations(List<String> ids) {
        List<String> out = new ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (String id : ids) {
            AlerterDefinition d = alerters.get(id);
            Object destination = d == null || d.printable() == null || masked(d.printable()) ? id : List.of(d.type(), d.printable());
            if (seen.add(destination)) {
                out.add(id);
            }
        }
        return out;
    }

    private static boolean masked(Object printable) {
        if (printable instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(MonitorConfig::masked);
        }
        if (printable instanceof List<?> l) {
            return l.stream().anyMatch(MonitorConfig::masked);
        }
        return YamlAlerterSettings.MASK.equals(printable);
    }

    /** Distinct alerter display names used by any path, sorted: what {@code /status} lists as {@code alerters}. */
    public List<String> alerterNames() {
        return paths.stream().flatMap(p -> p.alerters().stream()).distinct()
                .map(id -> alerters.containsKey(id) ? alerters.get(id).name() : id)
                .distinct().sorted().collect(Collectors.toList());
    }
}
