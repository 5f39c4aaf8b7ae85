package io.zkmon.core.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code /metrics} exports per path, from {@code settings.metrics}. Per-path series grow with the number of
 * watched paths (two or more per path), so they are capped by default: large installs keep a sane number of series
 * and still get the aggregates ({@code zkmon_paths}, {@code zkmon_watched_paths}) for every path.
 *
 * @param pathSeries the number of paths (the first in path order) that get per-path series: {@link #ALL}, 0 for
 *                   none, or a cap
 * @param pathLabels the spec labels ({@code PathSpec.labels()}) added to every per-path series, in this order; a
 *                   path without one gets an empty value. None by default, to keep cardinality bounded.
 */
public record MetricsSettings(int pathSeries, List<String> pathLabels) {

    /** {@link #pathSeries()} for every path. */
    public static final int ALL = Integer.MAX_VALUE;

    /** The default cap on paths with per-path series. */
    public static final int DEFAULT_PATH_SERIES = 1_000;

    /** Per-path series for the first 1,000 paths, no spec labels. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(DEFAULT_PATH_SERIES, List.of());

    /** At most this many labels, each a new dimension of every per-path series. */
    public static final int MAX_PATH_LABELS = 10;

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Label names zkmon's per-path series use themselves. */
    private static final List<String> TAKEN = List.of("path", "to", "state", "alerter", "outcome");

    public MetricsSettings {
        if (pathSeries < 0) {
            throw new IllegalArgumentException("pathSeries must be 0 or more, got " + pathSeries);
        }
        pathLabels = List.copyOf(Objects.requireNonNull(pathLabels, "pathLabels"));
        if (pathLabels.size() > MAX_PATH_LABELS) {
            throw new IllegalArgumentException("at most " + MAX_PATH_LABELS + " path labels, got " + pathLabels.size());
        }
        for (String l : pathLabels) {
            String problem = labelProblem(l);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        if (pathLabels.stream().distinct().count() != pathLabels.size()) {
            throw new IllegalArgumentException("path labels must not repeat, got " + pathLabels);
        }
    }

    /** Why {@code name} cannot be a label of the per-path series, or null when it can. */
    public static String labelProblem(String name) {
        if (!LABEL_NAME.matcher(name).matches()) {
            return "'" + name + "' is not a Prometheus label name (letters, digits and '_', not starting with a digit)";
        }
        if (name.startsWith("__")) {
            return "'" + name + "' starts with '__', which Prometheus reserves";
        }
        if (TAKEN.contains(name)) {
            return "'" + name + "' is a label zkmon's series already have (" + String.join(", ", TAKEN) + ")";
        }
        return null;
    }
}
