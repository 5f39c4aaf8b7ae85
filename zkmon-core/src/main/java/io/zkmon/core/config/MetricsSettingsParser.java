package io.zkmon.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Parses {@code settings.metrics}:
 *
 * <pre>
 * settings:
 *   metrics:
 *     path_series: 1000        # a cap on paths with per-path series; or all, or none (true and false also work)
 *     path_labels: [team]      # spec labels added to every per-path series
 * </pre>
 */
final class MetricsSettingsParser {

    private static final List<String> KEYS = List.of("path_series", "path_labels");
    private static final String PATH_SERIES_FORMS = "a number of paths (a cap), 'all' or 'none'";

    private MetricsSettingsParser() {
    }

    static MetricsSettings parse(Node node, ConfigContext ctx) {
        Map<String, NodeTuple> m = ctx.mapping(node, "metrics", "a map (" + String.join(", ", KEYS) + ")");
        if (m == null) {
            return MetricsSettings.DEFAULT;
        }
        int series = MetricsSettings.DEFAULT_PATH_SERIES;
        List<String> labels = List.of();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node v = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "path_series" -> series = pathSeries(v, ctx, series);
                case "path_labels" -> labels = labels(v, ctx);
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), KEYS, "metrics");
            }
        }
        return new MetricsSettings(series, labels);
    }

    private static int pathSeries(Node v, ConfigContext ctx, int fallback) {
        String t = ctx.text(v, "metrics.path_series", PATH_SERIES_FORMS);
        if (t == null) {
            return fallback;
        }
        switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "all", "true", "yes", "on":
                return MetricsSettings.ALL;
            case "none", "false", "no", "off":
                return 0;
            default:
                try {
                    long n = Long.parseLong(t.trim());
                    if (n >= 0) {
                        return (int) Math.min(n, MetricsSettings.ALL);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                ctx.error(v, "metrics.path_series", "'metrics.path_series' must be " + PATH_SERIES_FORMS + ", got "
                        + ConfigContext.describe(v));
                return fallback;
        }
    }

    private static List<String> labels(Node v, ConfigContext ctx) {
        List<String> labels = ctx.strings(v, "metrics.path_labels");
        boolean ok = true;
        for (String l : labels) {
            String problem = MetricsSettings.labelProblem(l);
            if (problem != null) {
                ctx.error(v, "metrics.path_labels", "'metrics.path_labels': " + problem);
                ok = false;
            }
        }
        if (labels.size() > MetricsSettings.MAX_PATH_LABELS) {
            ctx.error(v, "metrics.path_labels", "'metrics.path_labels' takes at most " + MetricsSettings.MAX_PATH_LABELS
                    + " labels (each multiplies the number of series), got " + labels.size());
            ok = false;
        }
        if (labels.stream().distinct().count() != labels.size()) {
            ctx.error(v, "metrics.path_labels", "'metrics.path_labels' names a label twice: " + labels);
            ok = false;
        }
        return ok ? labels : List.of();
    }
}
