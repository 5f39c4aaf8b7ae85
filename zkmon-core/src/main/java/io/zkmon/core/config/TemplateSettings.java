package io.zkmon.core.config;

import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.spec.DidYouMean;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One alerter's {@code template:} value: a preset name ({@code seed}), or a map of parts ({@code subject},
 * {@code body}) with an optional {@code preset:} for the parts it leaves out. Taken from the alerter itself, else from
 * {@code defaults: template:}, which is a preset name or a map of alerter types (and {@code preset:} for the others)
 * to such values.
 */
final class TemplateSettings {

    static final String PRESET = "preset";

    private final ConfigContext ctx;
    private final Node node;
    private final String label;
    private final Map<String, NodeTuple> entries;
    private final Set<String> read = new LinkedHashSet<>();
    private String preset;

    /**
     * @param node  a scalar (a preset name) or a map of parts; null for none
     * @param label how errors name it, e.g. {@code 'template' of alerter 'oncall'}
     */
    TemplateSettings(ConfigContext ctx, Node node, String label) {
        this.ctx = ctx;
        this.node = node;
        this.label = label;
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> m = ctx.mapping(node, "template", "a preset name or a map of parts");
            this.entries = m == null ? Map.of() : m;
        } else {
            this.entries = Map.of();
        }
    }

    /** The template an alerter of {@code type} gets from {@code defaults:}, or none. */
    static TemplateSettings fromDefaults(ConfigContext ctx, String type) {
        Node d = ctx.defaultTemplate();
        if (d == null || ConfigContext.isNull(d)) {
            return new TemplateSettings(ctx, null, "'template' of defaults");
        }
        if (!(d instanceof MappingNode)) {
            return new TemplateSettings(ctx, d, "'template' of defaults");
        }
        Map<String, NodeTuple> m = ctx.mapping(d, "template", "a preset name or a map of alerter types to templates");
        if (m != null && m.containsKey(type)) {
            return new TemplateSettings(ctx, m.get(type).getValueNode(), "'template." + type + "' of defaults");
        }
        if (m != null && m.containsKey(PRESET)) {
            return new TemplateSettings(ctx, m.get(PRESET).getValueNode(), "'template.preset' of defaults");
        }
        return new TemplateSettings(ctx, null, "'template' of defaults");
    }

    /** The preset the parts not written come from; reported once when unknown. */
    private String preset() {
        if (preset != null) {
            return preset;
        }
        preset = MessageTemplate.DEFAULT_PRESET;
        Node presetNode = null;
        if (node instanceof ScalarNode && !ConfigContext.isNull(node)) {
            presetNode = node;
        } else if (entries.containsKey(PRESET)) {
            presetNode = entries.get(PRESET).getValueNode();
        } else if (node != null && !ConfigContext.isNull(node) && !(node instanceof MappingNode)) {
            ctx.error(node, "template", label + " must be a preset name (" + String.join(", ", MessageTemplate.PRESETS)
                    + ") or a map of template parts, got " + ConfigContext.describe(node));
        }
        if (presetNode != null) {
            String name = ctx.text(presetNode, "template", "a preset name (" + String.join(", ", MessageTemplate.PRESETS) + ")");
            if (name != null && MessageTemplate.PRESETS.contains(name.trim())) {
                preset = name.trim();
            } else if (name != null) {
                ctx.error(presetNode, "template", "unknown template preset '" + name + "' in " + label
                        + DidYouMean.hint(name, MessageTemplate.PRESETS, false) + " (presets: "
                        + String.join(", ", MessageTemplate.PRESETS) + ")");
            }
        }
        return preset;
    }

    /** One part, from the map when written there, else from the preset. */
    MessageTemplate template(String part, Map<String, String> presets, UnaryOperator<String> escape) {
        read.add(part);
        String presetName = preset();
        NodeTuple given = entries.get(part);
        if (given == null || ConfigContext.isNull(given.getValueNode())) {
            String source = presets.containsKey(presetName) ? presets.get(presetName) : presets.get(MessageTemplate.DEFAULT_PRESET);
            if (source == null) {
                throw new IllegalArgumentException("part '" + part + "' has no text for preset " + MessageTemplate.DEFAULT_PRESET);
            }
            return MessageTemplate.compile(source, escape);
        }
        Node v = given.getValueNode();
        if (!(v instanceof ScalarNode s)) {
            ctx.error(v, part, "template part '" + part + "' in " + label + " must be text, got " + ConfigContext.describe(v));
            return null;
        }
        try {
            // a template's own syntax is {{variable}}: ${VAR} is not replaced in it
            return MessageTemplate.compile(s.getValue(), escape);
        } catch (MessageTemplate.SyntaxError e) {
            ctx.errorInScalar(s, e.line(), e.column(), part, "template part '" + part + "' in " + label + ": " + e.getMessage());
            return null;
        }
    }

    /** Reports keys of the map that no part asked for. */
    void reportUnread() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey()) && !e.getKey().equals(PRESET)) {
                List<String> known = new java.util.ArrayList<>(read);
                known.add(PRESET);
                ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), known, label);
            }
        }
    }
}
