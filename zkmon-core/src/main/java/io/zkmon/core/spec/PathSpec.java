package io.zkmon.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one znode path (or glob of paths) must look like, and how to alert when it does not.
 *
 * @param path           an absolute znode path, or a glob ({@code *} one segment, {@code **} any depth)
 * @param rules          conditions that must all hold; empty means "exists"
 * @param cancelTimeout  grace period: how long a path must stay out of spec before an alert is sent
 * @param repeatInterval re-send an alert this often while still out of spec; {@link Duration#ZERO} for never
 * @param alerters       ids of the alerters to notify; empty means evaluate and show, never alert
 * @param labels         routing labels passed on to backends ({@code team}, {@code service}), sorted by key
 * @param severity       how urgent its alerts are
 * @param annotations    texts for people passed on to backends ({@code summary}, {@code description},
 *                       {@code runbook_url}), sorted by key
 */
public record PathSpec(String path, List<Rule> rules, Duration cancelTimeout, Duration repeatInterval, List<String> alerters,
                       Map<String, String> labels, Severity severity, Map<String, String> annotations) {

    public PathSpec {
        String problem = PathPattern.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        rules = List.copyOf(rules);
        Objects.requireNonNull(cancelTimeout, "cancelTimeout");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        if (cancelTimeout.isNegative() || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        alerters = List.copyOf(alerters);
        labels = sortedCopy(labels);
        severity = severity == null ? Severity.WARNING : severity;
        annotations = sortedCopy(annotations);
    }

    private static final Class<?> SORTED_COPY = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    /**
     * An unmodifiable copy sorted by key; the shared empty map when empty, and the same instance when it already is
     * such a copy, so the spec of each of 100,000 glob matches ({@link #withPath}) costs no maps of its own.
     */
    static Map<String, String> sortedCopy(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return m.getClass() == SORTED_COPY ? m : Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** A spec without labels or annotations, of severity {@code warning}. */
    public PathSpec(String path, List<Rule> rules, Duration cancelTimeout, Duration repeatInterval, List<String> alerters) {
        this(path, rules, cancelTimeout, repeatInterval, alerters, Map.of(), Severity.WARNING, Map.of());
    }

    /** Starts a spec in code: {@code PathSpec.builder("/services/foo").minChildren(2).alerters("log").build()}. */
    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** True when the path contains {@code *} and stands for every matching node. */
    public boolean isGlob() {
        return PathPattern.isGlob(path);
    }

    /** The same spec for another (concrete) path, e.g. one that a glob matched. */
    public PathSpec withPath(String concretePath) {
        return new PathSpec(concretePath, rules, cancelTimeout, repeatInterval, alerters, labels, severity, annotations);
    }

    /** True when some rule needs the node's data or stat. */
    public boolean needsData() {
        for (Rule r : rules) {
            if (r.needsData()) {
                return true;
            }
        }
        return false;
    }

    /** The children filter of the spec's children rule, or null when children are counted without one. */
    public JsonMatcher childFilter() {
        for (Rule r : rules) {
            if (r instanceof ChildrenRule c && c.where() != null) {
                return c.where();
            }
        }
        return null;
    }

    /** True when the spec says explicitly that the node must exist. */
    public boolean requiresExistence() {
        return rules.contains(new ExistsRule(true));
    }

    /** Builds a {@link PathSpec} in code. */
    public static final class Builder {
        private final String path;
        private final List<Rule> rules = new ArrayList<>();
        private Duration cancelTimeout = Duration.ZERO;
        private Duration repeatInterval = Duration.ZERO;
        private final List<String> alerters = new ArrayList<>();
        private final Map<String, String> labels = new TreeMap<>();
        private Severity severity = Severity.WARNING;
        private final Map<String, String> annotations = new TreeMap<>();

        private Builder(String path) {
            this.path = path;
        }

        /** Adds a rule. */
        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        /** At least {@code min} children (the old daemon's {@code children: N}). */
        public Builder minChildren(int min) {
            return rule(ChildrenRule.atLeast(min));
        }

        /** The node must exist. */
        public Builder mustExist() {
            return rule(new ExistsRule(true));
        }

        /** Grace period before alerting. */
        public Builder cancelTimeout(Duration d) {
            cancelTimeout = d;
            return this;
        }

        /** Repeat alerts this often while out of spec. */
        public Builder repeatInterval(Duration d) {
            repeatInterval = d;
            return this;
        }

        /** Alerter ids to notify. */
        public Builder alerters(String... ids) {
            alerters.addAll(List.of(ids));
            return this;
        }

        /** Adds a routing label. */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** How urgent its alerts are (default {@code warning}). */
        public Builder severity(Severity s) {
            severity = s;
            return this;
        }

        /** Adds an annotation ({@code summary}, {@code description}, {@code runbook_url}, ...). */
        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public PathSpec build() {
            return new PathSpec(path, rules, cancelTimeout, repeatInterval, alerters, labels, severity, annotations);
        }
    }
}
