package io.zkmon.core.config;

import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** {@link AlerterSettings} over a YAML node; remembers which keys were read and which are secret. */
final class YamlAlerterSettings implements AlerterSettings {

    /** Printed in place of a secret. */
    static final String MASK = "****";

    private final ConfigContext ctx;
    private final String name;
    private final String type;
    private final Node node;
    private final String label;
    private final Map<String, NodeTuple> entries;
    private final Set<String> read = new LinkedHashSet<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, YamlAlerterSettings> children = new LinkedHashMap<>();
    private final Set<String> ignored;
    private boolean secretForm;
    private TemplateSettings templates;

    /** The key of an alerter's message templates. */
    static final String TEMPLATE = "template";

    YamlAlerterSettings(ConfigContext ctx, String name, String type, Node node, String label, Set<String> ignored) {
        this.ctx = ctx;
        this.name = name;
        this.type = type;
        this.node = ctx.lenient() ? oldListForm(ctx, node, label) : node;
        this.label = label;
        this.ignored = ignored;
        this.entries = this.node instanceof MappingNode || ConfigContext.isNull(this.node) ? ctx.mapping(this.node, label, "a map") : Map.of();
    }

    /**
     * The old daemon's docs wrote settings as a list of one-key maps ({@code - room: Ops}, {@code - token: x}); read
     * such a list as the map it means, with a warning.
     */
    private static Node oldListForm(ConfigContext ctx, Node node, String label) {
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            return node;
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m) || m.getValue().size() != 1) {
                return node;
            }
            tuples.add(m.getValue().get(0));
        }
        ctx.warning(node, label, "the settings of " + label + " are a list of one-key maps; read as one map"
                + " (write them as a map: {key: value, ...})");
        return new MappingNode(Tag.MAP, true, tuples, FlowStyle.BLOCK, seq.getStartMark(), seq.getEndMark());
    }

    /** True when the value of a key is a secret: asked for as one, or named like one. */
    private boolean isSecret(String key) {
        return secrets.contains(key) || looksSecret(key);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isScalar() {
        return node instanceof ScalarNode && !ConfigContext.isNull(node);
    }

    @Override
    public boolean isList() {
        return node instanceof SequenceNode;
    }

    @Override
    public boolean isMap() {
        return !isScalar() && !isList();
    }

    @Override
    public List<String> values() {
        return isMap() ? List.of() : ctx.strings(node, type, secretForm);
    }

    @Override
    public List<String> secretValues() {
        secretForm = true;
        return values();
    }

    @Override
    public boolean lenient() {
        return ctx.lenient();
    }

    @Override
    public void warning(String key, String message) {
        ctx.warning(key == null ? node : where(key), key, message);
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return entries.containsKey(key) && !ConfigContext.isNull(entries.get(key).getValueNode());
    }

    private Node value(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        return t == null || ConfigContext.isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    private Node where(String key) {
        NodeTuple t = entries.get(key);
        return t != null ? t.getKeyNode() : node;
    }

    private void missing(String key) {
        ctx.error(where(key), key, label + " needs '" + key + "'");
    }

    @Override
    public String string(String key) {
        Node v = value(key);
        if (v == null) {
            missing(key);
            return null;
        }
        String t = ctx.text(v, key, "text", isSecret(key));
        if (t != null && t.isBlank()) {
            ctx.error(v, key, "'" + key + "' of " + label + " must not be empty");
            return null;
        }
        return t;
    }

    @Override
    public String string(String key, String defaultValue) {
        Node v = value(key);
        return v == null ? defaultValue : ctx.text(v, key, "text", isSecret(key));
    }

    @Override
    public String secret(String key) {
        secrets.add(key);
        return string(key);
    }

    @Override
    public String secret(String key, String defaultValue) {
        secrets.add(key);
        return string(key, defaultValue);
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        Node v = value(key);
        if (v == null) {
            return defaultValue;
        }
        Integer i = ctx.wholeNumber(v, key, min, max);
        return i == null ? defaultValue : i;
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Node v = value(key);
        if (v == null) {
            return defaultValue;
        }
        Boolean b = ctx.bool(v, key);
        return b == null ? defaultValue : b;
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Node v = value(key);
        if (v == null) {
            return defaultValue;
        }
        Duration d = ctx.duration(v, key, false);
        return d == null ? defaultValue : d;
    }

    @Override
    public List<String> strings(String key) {
        Node v = value(key);
        return v == null ? List.of() : ctx.strings(v, key, isSecret(key));
    }

    @Override
    public Map<String, String> stringMap(String key) {
        return map(key, isSecret(key));
    }

    @Override
    public Map<String, String> secretMap(String key) {
        secrets.add(key);
        return map(key, true);
    }

    private Map<String, String> map(String key, boolean secret) {
        Node v = value(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        Map<String, NodeTuple> m = ctx.mapping(v, key, "a map of names to values");
        if (m != null) {
            m.forEach((k, t) -> {
                String text = ctx.text(t.getValueNode(), key + "." + k, "text", secret || looksSecret(k));
                if (text != null) {
                    out.put(k, text);
                }
            });
        }
        return out;
    }

    @Override
    public MessageTemplate template(String part, Map<String, String> presets, UnaryOperator<String> escape) {
        read.add(TEMPLATE);
        return templates().template(part, presets, escape);
    }

    private TemplateSettings templates() {
        if (templates == null) {
            NodeTuple own = entries.get(TEMPLATE);
            templates = own != null && !ConfigContext.isNull(own.getValueNode())
                    ? new TemplateSettings(ctx, own.getValueNode(), "'template' of " + label)
                    : TemplateSettings.fromDefaults(ctx, type);
        }
        return templates;
    }

    @Override
    public URI url(String key, boolean secret) {
        if (secret) {
            secrets.add(key);
        }
        Node v = value(key);
        if (v == null) {
            missing(key);
            return null;
        }
        return parseUrl(key, v, secret);
    }

    @Override
    public URI url(String key, String defaultValue, boolean secret) {
        if (secret) {
            secrets.add(key);
        }
        Node v = value(key);
        if (v == null) {
            return defaultValue == null ? null : URI.create(defaultValue);
        }
        return parseUrl(key, v, secret);
    }

    private URI parseUrl(String key, Node v, boolean secret) {
        String t = ctx.text(v, key, "an http or https URL", secret || looksSecret(key));
        if (t == null) {
            return null;
        }
        String shown = secret ? "" : ", got " + ConfigContext.describe(v);
        try {
            URI uri = new URI(t.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                ctx.error(v, key, "'" + key + "' of " + label + " must be an absolute http or https URL" + shown);
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            ctx.error(v, key, "'" + key + "' of " + label + " is not a valid URL" + shown);
            return null;
        }
    }

    @Override
    public AlerterSettings child(String key) {
        read.add(key);
        return children.computeIfAbsent(key, k -> {
            NodeTuple t = entries.get(k);
            Node v = t == null ? null : t.getValueNode();
            if (v != null && !ConfigContext.isNull(v) && !(v instanceof MappingNode)) {
                ctx.error(v, k, "'" + k + "' of " + label + " must be a map, got " + ConfigContext.describe(v));
                v = null;
            }
            return new YamlAlerterSettings(ctx, name, type, v, label + ", under '" + k + "'", Set.of());
        });
    }

    @Override
    public void error(String key, String message) {
        ctx.error(key == null ? node : where(key), key, message);
    }

    /** The environment without the variables that hold zkmon's own secrets. */
    @Override
    public Map<String, String> env() {
        return ctx.env.withoutZkmonSecrets();
    }

    /** Reports keys that no getter asked for, suggesting the nearest known key. */
    void reportUnread() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey()) && !ignored.contains(e.getKey())) {
                List<String> known = new ArrayList<>(read);
                ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), known, label);
            }
        }
        children.values().forEach(YamlAlerterSettings::reportUnread);
        if (templates != null) {
            templates.reportUnread();
        }
    }

    /** The settings as plain values for printing, with secrets masked. */
    Object printable() {
        if (!isMap() && secretForm) {
            return MASK;
        }
        if (!isMap()) {
            return isList() ? values() : node instanceof ScalarNode sc ? ctx.interpolate(sc, type, false, false) : null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String k = e.getKey();
            if (ignored.contains(k)) {
                continue;
            }
            if (children.containsKey(k)) {
                out.put(k, children.get(k).printable());
            } else if (isSecret(k)) {
                out.put(k, MASK);
            } else {
                out.put(k, plain(e.getValue().getValueNode(), k));
            }
        }
        return out;
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("pass") || k.contains("token") || k.contains("secret") || k.contains("routing_key") || k.contains("api_key")
                || k.equals("authorization");
    }

    private Object plain(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return ConfigContext.isNull(s) ? null : ctx.interpolate(s, key, false, false);
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(plain(item, key)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : "?";
                out.put(k, looksSecret(k) ? MASK : plain(t.getValueNode(), k));
            }
        }
        return out;
    }
}
