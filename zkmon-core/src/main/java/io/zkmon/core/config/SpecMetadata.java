package io.zkmon.core.config;

import io.zkmon.core.spec.DidYouMean;
import io.zkmon.core.spec.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A path's (or the defaults') {@code labels:}, {@code severity:} and {@code annotations:}: what backends pass on for
 * routing (Alertmanager labels, PagerDuty severity) and for people (summary, description, runbook link).
 */
final class SpecMetadata {

    /** Prometheus' label name syntax, which Alertmanager and {@code /metrics} both need. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Labels zkmon sets itself on every alert. */
    static final List<String> RESERVED_LABELS = List.of("alertname", "path", "cluster", "severity");

    /** The annotations receivers know; others are passed on too. */
    static final List<String> KNOWN_ANNOTATIONS = List.of("summary", "description", "runbook_url");

    /** Longer values are refused: they would be cut by receivers or blow up label indexes. */
    static final int MAX_VALUE = 1024;

    private final ConfigContext ctx;

    SpecMetadata(ConfigContext ctx) {
        this.ctx = ctx;
    }

    Map<String, String> labels(Node v, String owner) {
        Map<String, NodeTuple> m = ctx.mapping(v, "labels", "a map of label names to values, e.g. {team: platform}");
        if (m == null) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            String key = "labels." + name;
            if (!NAME.matcher(name).matches() || name.startsWith("__")) {
                ctx.error(keyNode, key, "label '" + name + "' of " + owner + " is not a valid label name (letters, digits and '_',"
                        + " not starting with a digit or '__')");
                continue;
            }
            if (RESERVED_LABELS.contains(name)) {
                ctx.error(keyNode, key, "label '" + name + "' of " + owner + " is set by zkmon"
                        + (name.equals("severity") ? "; use 'severity: critical|warning|info' beside 'labels'" : "; pick another name"));
                continue;
            }
            String value = value(e.getValue().getValueNode(), key);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    Map<String, String> annotations(Node v, String owner) {
        Map<String, NodeTuple> m = ctx.mapping(v, "annotations", "a map like {summary: ..., description: ..., runbook_url: https://...}");
        if (m == null) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            String key = "annotations." + name;
            if (!NAME.matcher(name).matches()) {
                ctx.error(keyNode, key, "annotation '" + name + "' of " + owner + " is not a valid name (letters, digits and '_')");
                continue;
            }
            String near = DidYouMean.nearest(name, KNOWN_ANNOTATIONS);
            if (!KNOWN_ANNOTATIONS.contains(name) && near != null) {
                ctx.unknownKey(keyNode, name, KNOWN_ANNOTATIONS, "annotations of " + owner);
                continue;
            }
            Node valueNode = e.getValue().getValueNode();
            String value = value(valueNode, key);
            if (value == null) {
                continue;
            }
            if (name.endsWith("_url") && !isWebUrl(value)) {
                ctx.error(valueNode, key, "'" + key + "' of " + owner + " must be an absolute http or https URL, got "
                        + ConfigContext.describe(valueNode));
                continue;
            }
            out.put(name, value);
        }
        return out;
    }

    Severity severity(Node v) {
        String t = ctx.text(v, "severity", "critical, warning or info");
        if (t == null) {
            return null;
        }
        String s = t.trim().toLowerCase(Locale.ROOT);
        for (Severity each : Severity.values()) {
            if (each.label().equals(s)) {
                return each;
            }
        }
        List<String> valid = Arrays.stream(Severity.values()).map(Severity::label).toList();
        ctx.error(v, "severity", "'severity' must be one of " + String.join(", ", valid) + ", got " + ConfigContext.describe(v)
                + DidYouMean.hint(s, valid, false));
        return null;
    }

    private String value(Node n, String key) {
        String t = ctx.text(n, key, "text");
        if (t == null) {
            return null;
        }
        if (t.isBlank()) {
            ctx.error(n, key, "'" + key + "' must not be empty");
            return null;
        }
        if (t.length() > MAX_VALUE) {
            ctx.error(n, key, "'" + key + "' must be at most " + MAX_VALUE + " characters, got " + t.length());
            return null;
        }
        return t;
    }

    private static boolean isWebUrl(String s) {
        try {
            URI u = new URI(s.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
