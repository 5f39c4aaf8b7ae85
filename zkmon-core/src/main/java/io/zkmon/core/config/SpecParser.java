package io.zkmon.core.config;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataJsonRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Parses the settings of one path entry (or {@code defaults:}) into a {@link SpecDraft}. */
final class SpecParser {

    static final List<String> PATH_KEYS = List.of("children", "exists", "data", "data_max_age", "cancel_timeout", "repeat_interval",
            "alerter", "labels", "severity", "annotations");

    /** The name under which {@link #parse} reads {@code defaults:}. */
    static final String DEFAULTS = "defaults";

    private final ConfigContext ctx;
    private final AlerterResolver alerters;
    private final SpecMetadata metadata;

    SpecParser(ConfigContext ctx, AlerterResolver alerters) {
        this.ctx = ctx;
        this.alerters = alerters;
        this.metadata = new SpecMetadata(ctx);
    }

    /**
     * @param owner the path, or {@code defaults}
     */
    SpecDraft parse(String owner, Node value) {
        SpecDraft d = new SpecDraft();
        Map<String, NodeTuple> entries = ctx.mapping(value, owner, "a map of rules (children, exists, data, data_max_age, ...)");
        if (entries == null) {
            return d;
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            Node v = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "children" -> d.children = children(v);
                case "exists" -> d.exists = ctx.bool(v, "exists");
                case "data" -> d.data = data(v);
                case "data_max_age" -> d.maxAge = ctx.duration(v, "data_max_age", false);
                case "cancel_timeout" -> d.cancelTimeout = ctx.duration(v, "cancel_timeout", true);
                case "repeat_interval" -> d.repeatInterval = ctx.duration(v, "repeat_interval", true);
                case "alerter" -> d.alerters = alerters.references(owner, v);
                case "labels" -> d.labels = metadata.labels(v, owner);
                case "severity" -> d.severity = metadata.severity(v);
                case "annotations" -> d.annotations = metadata.annotations(v, owner);
                case YamlAlerterSettings.TEMPLATE -> {
                    if (!owner.equals(DEFAULTS)) {
                        ctx.problem(e.getValue().getKeyNode(), e.getKey(), "'template' is set on an alerter or under defaults:,"
                                + " not on a path (" + owner + ")");
                    }
                }
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(),
                        owner.equals(DEFAULTS) ? withTemplate() : PATH_KEYS, owner);
            }
        }
        return d;
    }

    private static List<String> withTemplate() {
        List<String> keys = new ArrayList<>(PATH_KEYS);
        keys.add(YamlAlerterSettings.TEMPLATE);
        return keys;
    }

    private ChildrenRule children(Node v) {
        if (!(v instanceof MappingNode)) {
            Integer min = ctx.wholeNumber(v, "children", 0, Integer.MAX_VALUE);
            return min == null ? null : ChildrenRule.atLeast(min);
        }
        Map<String, NodeTuple> m = ctx.mapping(v, "children", "a number or a map with min, max, where");
        int min = 0;
        int max = -1;
        JsonMatcher where = null;
        boolean ok = true;
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node n = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "min" -> {
                    Integer i = ctx.wholeNumber(n, "children.min", 0, Integer.MAX_VALUE);
                    ok &= i != null;
                    min = i == null ? 0 : i;
                }
                case "max" -> {
                    Integer i = ctx.wholeNumber(n, "children.max", 0, Integer.MAX_VALUE);
                    ok &= i != null;
                    max = i == null ? -1 : i;
                }
                case "where" -> {
                    where = where(n);
                    ok &= where != null;
                }
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), List.of("min", "max", "where"), "children");
            }
        }
        if (max >= 0 && max < min) {
            ctx.error(m.get("max").getValueNode(), "children.max", "'children.max' (" + max + ") must not be less than 'children.min' (" + min + ")");
            return null;
        }
        return ok ? new ChildrenRule(min, max, where) : null;
    }

    private JsonMatcher where(Node n) {
        Map<String, NodeTuple> m = ctx.mapping(n, "where", "a map like {json: {enabled: true}}");
        if (m == null) {
            return null;
        }
        JsonMatcher result = null;
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            if (e.getKey().equals("json")) {
                result = json(e.getValue().getValueNode(), "where.json");
            } else {
                ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), List.of("json"), "where");
            }
        }
        if (result == null && m.isEmpty()) {
            ctx.error(n, "where", "'where' needs 'json', e.g. where: {json: {enabled: true}}");
        }
        return result;
    }

    private List<Rule> data(Node v) {
        Map<String, NodeTuple> m = ctx.mapping(v, "data", "a map with regex or json");
        if (m == null) {
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node n = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "regex" -> {
                    String re = ctx.text(n, "data.regex", "a regular expression");
                    if (re != null) {
                        try {
                            rules.add(DataRegexRule.of(re));
                        } catch (IllegalArgumentException ex) {
                            ctx.error(n, "data.regex", "'data.regex' is not a valid regular expression: " + ex.getMessage());
                        }
                    }
                }
                case "json" -> {
                    JsonMatcher j = json(n, "data.json");
                    if (j != null) {
                        rules.add(new DataJsonRule(j));
                    }
                }
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), List.of("regex", "json"), "data");
            }
        }
        if (m.isEmpty()) {
            ctx.error(v, "data", "'data' needs 'regex' or 'json'");
        }
        return rules;
    }

    private JsonMatcher json(Node n, String key) {
        Map<String, NodeTuple> m = ctx.mapping(n, key, "a map of JSON field paths to values, e.g. {enabled: true}");
        if (m == null) {
            return null;
        }
        if (m.isEmpty()) {
            ctx.error(n, key, "'" + key + "' needs at least one field, e.g. {enabled: true}");
            return null;
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node vn = e.getValue().getValueNode();
            if (!(vn instanceof ScalarNode s)) {
                ctx.error(vn, key + "." + e.getKey(), "'" + key + "." + e.getKey() + "' must be a text, number, boolean or null value, got "
                        + ConfigContext.describe(vn));
                continue;
            }
            expected.put(e.getKey(), scalarValue(s, key + "." + e.getKey()));
        }
        return expected.size() == m.size() ? new JsonMatcher(expected) : null;
    }

    private Object scalarValue(ScalarNode s, String key) {
        Tag tag = s.getTag();
        String text = ctx.interpolate(s, key);
        if (!s.isPlain()) {
            return text;
        }
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(text);
            }
            if (tag.equals(Tag.INT)) {
                return Long.parseLong(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }
}
