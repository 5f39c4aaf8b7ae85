package io.zkmon.core.config;

import io.zkmon.core.spec.DidYouMean;
import io.zkmon.core.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reading YAML nodes with types, interpolation and located errors; collects every problem (and, for a file in the old
 * daemon's form, every warning) of one file. {@code ${VAR}} is replaced as its {@link ConfigEnvironment} allows.
 */
final class ConfigContext {

    final String file;
    final ConfigEnvironment env;
    private final String[] lines;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();
    private boolean lenient;
    private Node defaultTemplate;

    ConfigContext(String file, Map<String, String> env) {
        this(file, env, "");
    }

    ConfigContext(String file, Map<String, String> env, String source) {
        this.file = file;
        this.env = new ConfigEnvironment(env);
        this.lines = source.split("\n", -1);
    }

    List<ConfigError> errors() {
        return errors;
    }

    /** What a file in the old form had that the old daemon ignored or completed, in file order. */
    List<ConfigError> warnings() {
        return warnings;
    }

    /** True while loading a file in the old daemon's form without {@code --strict}. */
    boolean lenient() {
        return lenient;
    }

    void lenient(boolean on) {
        lenient = on;
    }

    /** The {@code template:} of {@code defaults:}, or null. */
    Node defaultTemplate() {
        return defaultTemplate;
    }

    void defaultTemplate(Node node) {
        defaultTemplate = node;
    }

    /** Reports a warning (lenient) or an error. */
    void problem(Node at, String key, String message) {
        if (lenient) {
            warning(at, key, message);
        } else {
            error(at, key, message);
        }
    }

    void warning(Node at, String key, String message) {
        ConfigError w = located(at, key, message);
        if (!warnings.contains(w)) {
            warnings.add(w);
        }
    }

    private ConfigError located(Node at, String key, String message) {
        Optional<Mark> mark = at == null ? Optional.empty() : at.getStartMark();
        int line = mark.map(m -> m.getLine() + 1).orElse(1);
        int col = mark.map(m -> m.getColumn() + 1).orElse(1);
        return new ConfigError(file, line, col, key == null ? "" : key, message);
    }

    /**
     * Reports a problem at a line and column inside a scalar's text (a template), translated to the file's line and
     * column: exact for block scalars ({@code |}, {@code >}) and single-line values, near for multi-line quoted ones.
     */
    void errorInScalar(ScalarNode at, int lineInValue, int columnInValue, String key, String message) {
        Optional<Mark> mark = at.getStartMark();
        if (mark.isEmpty()) {
            error(at, key, message);
            return;
        }
        int startLine = mark.get().getLine() + 1;
        int startCol = mark.get().getColumn() + 1;
        int line;
        int col;
        ScalarStyle style = at.getScalarStyle();
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            line = startLine + lineInValue;
            // the block's indentation is its first line's; deeper lines keep the rest in the value itself
            String text = startLine < lines.length ? lines[startLine] : "";
            int indent = 0;
            while (indent < text.length() && text.charAt(indent) == ' ') {
                indent++;
            }
            col = indent + columnInValue;
        } else if (lineInValue == 1) {
            line = startLine;
            col = startCol + (style == ScalarStyle.PLAIN ? 0 : 1) + columnInValue - 1;
        } else {
            line = startLine + lineInValue - 1;
            col = columnInValue;
        }
        ConfigError e = new ConfigError(file, line, col, key == null ? "" : key, message);
        if (!errors.contains(e)) {
            errors.add(e);
        }
    }

    void error(Node at, String key, String message) {
        ConfigError e = located(at, key, message);
        if (!errors.contains(e)) {
            errors.add(e); // a value read twice is reported once
        }
    }

    /** Reports an unknown key, suggesting the nearest known one; only a warning (the key is ignored) when lenient. */
    void unknownKey(Node keyNode, String key, Collection<String> known, String where) {
        problem(keyNode, key, "unknown key '" + key + "'" + (where == null ? "" : " in " + where)
                + (lenient ? " (ignored, as the old daemon did)" : "") + DidYouMean.hint(key, known, true));
    }

    /**
     * The entries of a map node, in order, with keys as text. Reports a value that is not a map, keys that are
     * not plain scalars, and duplicate keys. An empty (null) value is an empty map.
     */
    Map<String, NodeTuple> mapping(Node node, String key, String what) {
        Map<String, NodeTuple> out = new java.util.LinkedHashMap<>();
        if (isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode map)) {
            error(node, key, "'" + key + "' must be " + what + ", got " + describe(node));
            return null;
        }
        Map<String, Node> firstSeen = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(t.getKeyNode(), key, "keys under '" + key + "' must be plain text, got " + describe(t.getKeyNode()));
                continue;
            }
            String name = k.getValue();
            Node before = firstSeen.putIfAbsent(name, k);
            if (before != null) {
                error(k, name, "duplicate key '" + name + "' (first at line " + line(before) + ")");
                continue;
            }
            out.put(name, t);
        }
        return out;
    }

    static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.isPlain());
    }

    /** What a node is, for "got ..." messages. Shows raw scalar text, never an interpolated value. */
    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            if (isNull(s)) {
                return "nothing";
            }
            String v = s.getValue();
            return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "a map";
    }

    /**
     * The text of a scalar that is not a secret, with {@code $$} and the allowed {@code ${VAR}}s replaced; null when
     * not a scalar (reported).
     */
    String text(Node node, String key, String expected) {
        return text(node, key, expected, false);
    }

    /** The text of a scalar; {@code secret} allows {@code ${VAR}} of any variable but zkmon's own secrets. */
    String text(Node node, String key, String expected, boolean secret) {
        if (!(node instanceof ScalarNode s) || isNull(node)) {
            error(node, key, "'" + key + "' must be " + expected + ", got " + describe(node));
            return null;
        }
        int before = errors.size();
        String t = interpolate(s, key, secret);
        return errors.size() > before ? null : t; // reported: no follow-up errors about the value
    }

    String interpolate(ScalarNode s, String key) {
        return interpolate(s, key, false);
    }

    String interpolate(ScalarNode s, String key, boolean secret) {
        return interpolate(s, key, secret, true);
    }

    /**
     * {@code $$} → {@code $}, {@code ${VAR}} and {@code ${VAR:-default}} → the variable's value, where allowed.
     *
     * @param report false to replace what is allowed without reporting anything (printing a config already checked)
     */
    String interpolate(ScalarNode s, String key, boolean secret, boolean report) {
        return env.interpolate(s.getValue(), key, secret, report ? problem -> error(s, key, problem) : problem -> { });
    }

    Integer wholeNumber(Node node, String key, int min, int max) {
        String t = text(node, key, "a whole number");
        if (t == null) {
            return null;
        }
        try {
            long v = Long.parseLong(t.trim());
            if (v < min || v > max) {
                error(node, key, "'" + key + "' must be " + range(min, max) + ", got " + v);
                return null;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            error(node, key, "'" + key + "' must be a whole number, got " + describe(node));
            return null;
        }
    }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }

    Boolean bool(Node node, String key) {
        String t = text(node, key, "true or false");
        if (t == null) {
            return null;
        }
        switch (t.trim().toLowerCase()) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                error(node, key, "'" + key + "' must be true or false, got " + describe(node));
                return null;
        }
    }

    Duration duration(Node node, String key, boolean allowZero) {
        String t = text(node, key, Durations.VALID_FORMS);
        if (t == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(t);
            if (!allowZero && d.isZero()) {
                error(node, key, "'" + key + "' must be longer than 0");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            error(node, key, "'" + key + "' must be " + Durations.VALID_FORMS + ", got " + describe(node));
            return null;
        }
    }

    /** A string, a list of strings, or a comma-separated string, as a list. */
    List<String> strings(Node node, String key) {
        return strings(node, key, false);
    }

    List<String> strings(Node node, String key, boolean secret) {
        List<String> out = new ArrayList<>();
        if (isNull(node)) {
            return out;
        }
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String t = text(item, key, "a list of text values", secret);
                if (t != null && !t.isBlank()) {
                    out.add(t.trim());
                }
            }
            return out;
        }
        String t = text(node, key, "a value or a list of values", secret);
        if (t != null) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
