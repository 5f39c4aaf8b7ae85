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

    /** Distinct alerter display names used by any path, sorted: what {@code /status} lists as {@code alerters}. */
    public List<String> alerterNames() {
        return paths.stream().flatMap(p -> p.alerters().stream()).distinct()
                .map(id -> alerters.containsKey(id) ? alerters.get(id).name() : id)
                .distinct().sorted().collect(Collectors.toList());
    }
}
