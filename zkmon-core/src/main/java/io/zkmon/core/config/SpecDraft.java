package io.zkmon.core.config;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Rule;
import io.zkmon.core.spec.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The settings of one path (or of {@code defaults:}) as parsed; null fields were not given. */
final class SpecDraft {
    ChildrenRule children;
    Boolean exists;
    List<Rule> data;
    Duration maxAge;
    Duration cancelTimeout;
    Duration repeatInterval;
    List<String> alerters;
    Map<String, String> labels;
    Severity severity;
    Map<String, String> annotations;

    /** This draft with every field it lacks taken from {@code defaults}. */
    SpecDraft over(SpecDraft defaults) {
        SpecDraft d = new SpecDraft();
        d.children = children != null ? children : defaults.children;
        d.exists = exists != null ? exists : defaults.exists;
        d.data = data != null ? data : defaults.data;
        d.maxAge = maxAge != null ? maxAge : defaults.maxAge;
        d.cancelTimeout = cancelTimeout != null ? cancelTimeout : defaults.cancelTimeout;
        d.repeatInterval = repeatInterval != null ? repeatInterval : defaults.repeatInterval;
        d.alerters = alerters != null ? alerters : defaults.alerters;
        d.labels = merged(defaults.labels, labels);
        d.severity = severity != null ? severity : defaults.severity;
        d.annotations = merged(defaults.annotations, annotations);
        return d;
    }

    /** The defaults' entries with the path's own on top: a path adds labels to the defaults', or changes one. */
    private static Map<String, String> merged(Map<String, String> defaults, Map<String, String> own) {
        if (defaults == null || defaults.isEmpty()) {
            return own;
        }
        if (own == null || own.isEmpty()) {
            return defaults;
        }
        Map<String, String> m = new TreeMap<>(defaults);
        m.putAll(own);
        return m;
    }

    PathSpec toSpec(String path) {
        List<Rule> rules = new ArrayList<>();
        if (exists != null) {
            rules.add(new ExistsRule(exists));
        }
        if (children != null) {
            rules.add(children);
        }
        if (data != null) {
            rules.addAll(data);
        }
        if (maxAge != null) {
            rules.add(new DataMaxAgeRule(maxAge));
        }
        return new PathSpec(path, rules,
                cancelTimeout == null ? Duration.ZERO : cancelTimeout,
                repeatInterval == null ? Duration.ZERO : repeatInterval,
                alerters == null ? List.of() : alerters,
                labels == null ? Map.of() : labels,
                severity == null ? Severity.WARNING : severity,
                annotations == null ? Map.of() : annotations);
    }
}
