package io.zkmon.core.config;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.spec.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Builds alerters from config: named ones under {@code alerters:}, inline ones on a path
 * ({@code alerter: {email: you@home.com}}), and resolves a path's {@code alerter:} value to alerter ids.
 */
final class AlerterResolver {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final ConfigContext ctx;
    private final AlerterRegistry registry;
    private final Map<String, AlerterDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, Node> named = new LinkedHashMap<>();

    AlerterResolver(ConfigContext ctx, AlerterRegistry registry) {
        this.ctx = ctx;
        this.registry = registry;
    }

    Map<String, AlerterDefinition> definitions() {
        return definitions;
    }

    /** Parses the {@code alerters:} section: {@code name: {type: email, ...settings}}. */
    void parseNamed(Node section) {
        Map<String, NodeTuple> entries = ctx.mapping(section, "alerters", "a map of alerter names to {type: ..., settings}");
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            Node body = e.getValue().getValueNode();
            named.put(name, keyNode);
            if (!NAME.matcher(name).matches()) {
                ctx.error(keyNode, name, "alerter name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
                continue;
            }
            if (registry.provider(name) != null) {
                ctx.error(keyNode, name, "alerter name '" + name + "' is also an alerter type; pick another name (e.g. '" + name + "-oncall')");
                continue;
            }
            Map<String, NodeTuple> m = ctx.mapping(body, name, "a map with 'type' and the alerter's settings");
            if (m == null) {
                continue;
            }
            NodeTuple typeEntry = m.get("type");
            if (typeEntry == null) {
                ctx.error(keyNode, "type", "alerter '" + name + "' needs 'type' (one of: " + String.join(", ", registry.types()) + ")");
                continue;
            }
            String type = ctx.text(typeEntry.getValueNode(), "type", "an alerter type");
            if (type != null) {
                create(name, name, type, body, typeEntry.getValueNode(), Set.of("type"), "alerter '" + name + "'");
            }
        }
    }

    /** The alerter ids a path's (or defaults') {@code alerter:} value refers to. */
    List<String> references(String owner, Node value) {
        List<String> ids = new ArrayList<>();
        if (ConfigContext.isNull(value)) {
            return ids;
        }
        if (value instanceof MappingNode) {
            Map<String, NodeTuple> m = ctx.mapping(value, "alerter", "a map of alerter types to settings");
            for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
                inline(owner, e.getKey(), e.getValue().getKeyNode(), e.getValue().getValueNode(), ids);
            }
            return ids;
        }
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node item : items) {
            if (item instanceof MappingNode) {
                ids.addAll(references(owner, item));
            } else if (item instanceof ScalarNode) {
                for (String ref : ctx.strings(item, "alerter")) {
                    reference(ref, item, ids);
                }
            } else {
                ctx.error(item, "alerter", "'alerter' items must be alerter names or {type: settings}, got " + ConfigContext.describe(item));
            }
        }
        return ids;
    }

    private void reference(String ref, Node at, List<String> ids) {
        if (named.containsKey(ref)) {
            if (definitions.containsKey(ref)) {
                ids.add(ref);
            }
            return;
        }
        if (registry.provider(ref) != null) {
            // a bare type with no settings, e.g. "alerter: log": one shared instance
            String id = ref;
            if (!definitions.containsKey(id)) {
                create(id, ref, ref, null, at, Set.of(), "alerter '" + ref + "'");
            }
            if (definitions.containsKey(id)) {
                ids.add(id);
            }
            return;
        }
        List<String> known = new ArrayList<>(named.keySet());
        known.addAll(registry.types());
        ctx.problem(at, "alerter", "unknown alerter '" + ref + "'" + DidYouMean.hint(ref, known, false)
                + " (named alerters: " + (named.isEmpty() ? "none" : String.join(", ", named.keySet()))
                + "; types: " + String.join(", ", registry.types()) + ")" + (ctx.lenient() ? IGNORED : ""));
    }

    private void inline(String owner, String type, Node keyNode, Node settings, List<String> ids) {
        if (registry.provider(type) == null && named.containsKey(type) && ConfigContext.isNull(settings)) {
            reference(type, keyNode, ids);
            return;
        }
        String id = owner + "#" + type;
        if (create(id, type, type, settings, keyNode, Set.of(), "alerter '" + type + "' of " + owner)) {
            ids.add(id);
        }
    }

    /** Said of what the old daemon skipped: the path is still watched, and its other alerters still get its alerts. */
    private static final String IGNORED = "; ignored, as the old daemon did: the path is still watched, and alerts go to its other alerters";

    private boolean create(String id, String name, String type, Node settingsNode, Node at, Set<String> ignored, String label) {
        AlerterProvider provider = registry.provider(type);
        if (provider == null) {
            ctx.problem(at, "type", "unknown alerter type '" + type + "'" + DidYouMean.hint(type, registry.types(), false)
                    + " (available: " + String.join(", ", registry.types()) + ")" + (ctx.lenient() ? IGNORED : ""));
            return false;
        }
        List<String> conflicts = registry.conflicts(type);
        if (!conflicts.isEmpty()) {
            ctx.error(at, "type", "alerter type '" + type + "' is provided by more than one jar: " + String.join(", ", conflicts)
                    + "; remove one from the classpath");
            return false;
        }
        int before = ctx.errors().size();
        YamlAlerterSettings settings = new YamlAlerterSettings(ctx, name, type, settingsNode, label, ignored);
        Alerter alerter;
        try {
            alerter = provider.create(settings);
        } catch (IllegalArgumentException e) {
            ctx.error(at, type, label + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            ctx.error(at, type, label + ": provider " + provider.getClass().getName() + " failed: " + e.getClass().getSimpleName());
            return false;
        }
        settings.reportUnread();
        if (alerter == null || ctx.errors().size() > before) {
            if (alerter != null) {
                alerter.close();
            }
            if (alerter == null && ctx.errors().size() == before) {
                ctx.error(at, type, label + " could not be created from these settings");
            }
            return false;
        }
        definitions.put(id, new AlerterDefinition(id, name, type, alerter, settings.printable()));
        return true;
    }
}
