package io.zkmon.core.config;

import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.spec.DidYouMean;
import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.PathSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Loads path specs and alerters from YAML. Accepts the old {@code zk_monitor} format unchanged (a top-level map
 * whose keys are znode paths) and the extended one ({@code defaults:}, {@code alerters:}, {@code paths:},
 * {@code settings:}); any top-level key starting with {@code /} is a path.
 *
 * <p>Every problem of a file is collected and thrown together as one {@link ConfigException}, each naming file,
 * line, column and key. Loading does no network I/O: alerters are only built, not connected.
 *
 * <p>A file in the old form (only {@code /path:} keys at the top) loads as the old daemon loaded it, unless
 * {@link #strict(boolean) strict}: an unknown key or alerter type, or an address without a domain, is a warning
 * ({@link MonitorConfig#warnings()}, each logged at WARN) and the rest of the path keeps working. The extended form
 * is always strict.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    static final List<String> TOP_KEYS = List.of("defaults", "alerters", "paths", "settings");

    private final AlerterRegistry registry;
    private final Map<String, String> env;
    private final boolean strict;
    private final boolean logWarnings;

    private ConfigLoader(AlerterRegistry registry, Map<String, String> env, boolean strict, boolean logWarnings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.env = Objects.requireNonNull(env, "env");
        this.strict = strict;
        this.logWarnings = logWarnings;
    }

    private ConfigLoader(AlerterRegistry registry, Map<String, String> env) {
        this(registry, env, false, true);
    }

    /**
     * This loader, strict about files in the old form too ({@code --strict}): what the old daemon ignored is an error.
     */
    public ConfigLoader strict(boolean on) {
        return new ConfigLoader(registry, env, on, logWarnings);
    }

    /** This loader, logging each warning at WARN as it loads a file (the default) or not (a caller that shows them). */
    public ConfigLoader logWarnings(boolean on) {
        return new ConfigLoader(registry, env, strict, on);
    }

    /** A loader using the alerter types found on the classpath and the process environment. */
    public static ConfigLoader create() {
        return new ConfigLoader(AlerterRegistry.load(), System.getenv());
    }

    /** A loader with explicit alerter types and environment (for tests and embedding). */
    public static ConfigLoader create(AlerterRegistry registry, Map<String, String> env) {
        return new ConfigLoader(registry, env);
    }

    /** The alerter types this loader knows. */
    public AlerterRegistry registry() {
        return registry;
    }

    /**
     * Loads a file.
     *
     * @throws ConfigException when the file cannot be read or is not a valid config
     */
    public MonitorConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new ConfigException(List.of(new ConfigError(name, 1, 1, "", "cannot read config file (" + why + ")")));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of(new ConfigError(name, 1, 1, "", "cannot read config file: not UTF-8 text")));
        }
        return parse(text, name);
    }

    /**
     * Parses YAML text.
     *
     * @param yaml       the text
     * @param sourceName the name to use in errors (e.g. a file name)
     * @throws ConfigException when it is not a valid config
     */
    public MonitorConfig parse(String yaml, String sourceName) {
        ConfigContext ctx = new ConfigContext(sourceName, env, yaml);
        Node root = compose(yaml, ctx);
        if (root == null) {
            throw new ConfigException(ctx.errors());
        }
        MonitorConfig config = build(root, ctx);
        if (!ctx.errors().isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(ctx.errors());
            sorted.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            if (config != null) {
                config.alerters().values().forEach(d -> d.alerter().close());
            }
            throw new ConfigException(sorted);
        }
        List<ConfigError> warnings = new ArrayList<>(ctx.warnings());
        warnings.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
        if (logWarnings) {
            warnings.forEach(w -> LOG.warn("{}", w));
        }
        return warnings.isEmpty() ? config : config.withWarnings(warnings);
    }

    private static Node compose(String yaml, ConfigContext ctx) {
        LoadSettings settings = LoadSettings.builder().setLabel(ctx.file).setAllowDuplicateKeys(true).setMaxAliasesForCollections(50).build();
        try {
            Iterator<Node> docs = new Compose(settings).composeAllFromString(yaml).iterator();
            if (!docs.hasNext()) {
                ctx.errors().add(new ConfigError(ctx.file, 1, 1, "", "the file is empty; add a path such as '/services/foo: {children: 1}'"));
                return null;
            }
            Node root = docs.next();
            if (docs.hasNext()) {
                Node second = docs.next();
                ctx.error(second, "", "only one YAML document is allowed; remove the '---' separator");
                return null;
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            ctx.errors().add(new ConfigError(ctx.file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, "",
                    "invalid YAML: " + problem + context));
            return null;
        } catch (YamlEngineException e) {
            ctx.errors().add(new ConfigError(ctx.file, 1, 1, "", "invalid YAML: " + e.getMessage()));
            return null;
        }
    }

    private MonitorConfig build(Node root, ConfigContext ctx) {
        Map<String, NodeTuple> top = ctx.mapping(root, "(top level)", "a map of znode paths to their rules");
        if (top == null) {
            return null;
        }
        boolean oldForm = top.keySet().stream().allMatch(k -> k.startsWith("/"));
        ctx.lenient(oldForm && !strict);
        if (top.containsKey("settings")) {
            envAllow(top.get("settings").getValueNode(), ctx);
        }
        if (top.containsKey("defaults")) {
            defaultTemplate(top.get("defaults").getValueNode(), ctx);
        }
        AlerterResolver alerters = new AlerterResolver(ctx, registry);
        if (top.containsKey("alerters")) {
            alerters.parseNamed(top.get("alerters").getValueNode());
        }
        SpecParser parser = new SpecParser(ctx, alerters);
        MonitorSettings settings = top.containsKey("settings") ? settings(top.get("settings").getValueNode(), ctx, alerters) : MonitorSettings.DEFAULT;
        SpecDraft defaults = top.containsKey("defaults") ? parser.parse("defaults", top.get("defaults").getValueNode()) : new SpecDraft();

        Map<String, NodeTuple> pathEntries = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("/")) {
                pathEntries.put(key, e.getValue());
            } else if (key.equals("paths")) {
                Map<String, NodeTuple> m = ctx.mapping(e.getValue().getValueNode(), "paths", "a map of znode paths to their rules");
                if (m != null) {
                    for (Map.Entry<String, NodeTuple> p : m.entrySet()) {
                        NodeTuple before = pathEntries.putIfAbsent(p.getKey(), p.getValue());
                        if (before != null) {
                            ctx.error(p.getValue().getKeyNode(), p.getKey(), "path '" + p.getKey() + "' is defined twice (first at line "
                                    + ConfigContext.line(before.getKeyNode()) + ")");
                        }
                    }
                }
            } else if (!TOP_KEYS.contains(key)) {
                Node keyNode = e.getValue().getKeyNode();
                if (key.contains("/")) {
                    ctx.error(keyNode, key, "'" + key + "' is not a valid path: paths must start with '/'; did you mean '/" + key + "'?");
                } else {
                    ctx.unknownKey(keyNode, key, TOP_KEYS, null);
                }
            }
        }

        List<PathSpec> specs = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : pathEntries.entrySet()) {
            String path = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            String problem = PathPattern.problem(path);
            if (problem != null) {
                ctx.error(keyNode, path, problem);
                continue;
            }
            int before = ctx.errors().size();
            SpecDraft draft = parser.parse(path, e.getValue().getValueNode()).over(defaults);
            if (ctx.errors().size() > before) {
                continue;
            }
            try {
                specs.add(draft.toSpec(path));
            } catch (IllegalArgumentException ex) {
                ctx.error(keyNode, path, "path '" + path + "': " + ex.getMessage());
            }
        }
        if (specs.isEmpty() && ctx.errors().isEmpty()) {
            ctx.error(root, "", "no paths to watch; add a path such as '/services/foo: {children: 1}'");
        }
        return new MonitorConfig(ctx.file, specs, alerters.definitions(), settings);
    }

    /** {@code settings.env_allow}, read first: it decides how every other value is read. */
    private static void envAllow(Node settings, ConfigContext ctx) {
        if (!(settings instanceof org.snakeyaml.engine.v2.nodes.MappingNode m)) {
            return; // reported with the rest of settings
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k && k.getValue().equals(ConfigEnvironment.ENV_ALLOW)) {
                List<String> names = new ArrayList<>();
                for (String name : ctx.strings(t.getValueNode(), ConfigEnvironment.ENV_ALLOW)) {
                    if (!ENV_NAME.matcher(name).matches()) {
                        ctx.error(t.getValueNode(), ConfigEnvironment.ENV_ALLOW, "'" + name + "' in settings." + ConfigEnvironment.ENV_ALLOW
                                + " is not an environment variable name (or a prefix ending in '*', e.g. TEAM_*)");
                    } else if (ConfigEnvironment.isZkmonSecret(name) || name.equals("ZKMON_*") || name.equals("*")) {
                        ctx.error(t.getValueNode(), ConfigEnvironment.ENV_ALLOW, "settings." + ConfigEnvironment.ENV_ALLOW + " must not allow '"
                                + name + "': it would take zkmon's own secrets (API token, ZooKeeper password) into the config");
                    } else {
                        names.add(name);
                    }
                }
                ctx.env.allow(names);
            }
        }
    }

    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\*?|\\*");

    /**
     * {@code defaults: template:}, read before any alerter is built: a preset name, or a map of alerter types (and
     * {@code preset}) to a preset name or a map of parts.
     */
    private void defaultTemplate(Node defaults, ConfigContext ctx) {
        if (!(defaults instanceof org.snakeyaml.engine.v2.nodes.MappingNode m)) {
            return; // reported when defaults are parsed
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k) || !k.getValue().equals(YamlAlerterSettings.TEMPLATE)) {
                continue;
            }
            Node v = t.getValueNode();
            ctx.defaultTemplate(v);
            if (!(v instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
                return; // a preset name, checked where it is used
            }
            Map<String, NodeTuple> types = ctx.mapping(v, "template", "a preset name or a map of alerter types to templates");
            if (types == null) {
                return;
            }
            List<String> known = new ArrayList<>(registry.types());
            known.add(TemplateSettings.PRESET);
            for (Map.Entry<String, NodeTuple> e : types.entrySet()) {
                if (!known.contains(e.getKey())) {
                    ctx.error(e.getValue().getKeyNode(), e.getKey(), "'" + e.getKey() + "' under defaults' template is not an alerter type"
                            + DidYouMean.hint(e.getKey(), known, false) + " (write a preset name, 'preset: NAME', or a map of"
                            + " alerter types: " + String.join(", ", registry.types()) + ")");
                }
            }
        }
    }

    private static final List<String> SETTINGS_KEYS = List.of("resync_interval", "retry", "blind_timeout", "self_alerters", "metrics",
            ConfigEnvironment.ENV_ALLOW);

    private static MonitorSettings settings(Node node, ConfigContext ctx, AlerterResolver alerters) {
        Map<String, NodeTuple> m = ctx.mapping(node, "settings", "a map (" + String.join(", ", SETTINGS_KEYS) + ")");
        if (m == null) {
            return MonitorSettings.DEFAULT;
        }
        Duration resync = MonitorSettings.DEFAULT.resyncInterval();
        RetryPolicy retry = RetryPolicy.DEFAULT;
        Duration blindTimeout = MonitorSettings.DEFAULT_BLIND_TIMEOUT;
        List<String> selfAlerters = null;
        MetricsSettings metrics = MetricsSettings.DEFAULT;
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node v = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "resync_interval" -> {
                    Duration d = ctx.duration(v, "resync_interval", true);
                    resync = d == null ? resync : d;
                }
                case "retry" -> retry = retry(v, ctx);
                case "blind_timeout" -> blindTimeout = orElse(ctx.duration(v, "blind_timeout", true), blindTimeout);
                // names of alerters (or inline ones), exactly as a path's 'alerter:' takes them
                case "self_alerters" -> selfAlerters = alerters.references("settings.self_alerters", v);
                case "metrics" -> metrics = MetricsSettingsParser.parse(v, ctx);
                case ConfigEnvironment.ENV_ALLOW -> { } // read first, by envAllow
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), SETTINGS_KEYS, "settings");
            }
        }
        return new MonitorSettings(resync, retry, blindTimeout, selfAlerters, metrics);
    }

    private static RetryPolicy retry(Node node, ConfigContext ctx) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        Map<String, NodeTuple> m = ctx.mapping(node, "retry", "a map (initial_delay, max_delay, max_attempts, window)");
        if (m == null) {
            return d;
        }
        Duration initial = d.initialDelay();
        Duration max = d.maxDelay();
        int attempts = d.maxAttempts();
        Duration window = d.window();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node v = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "initial_delay" -> initial = orElse(ctx.duration(v, "retry.initial_delay", false), initial);
                case "max_delay" -> max = orElse(ctx.duration(v, "retry.max_delay", false), max);
                case "max_attempts" -> attempts = orElse(ctx.wholeNumber(v, "retry.max_attempts", 1, 1000), attempts);
                case "window" -> window = orElse(ctx.duration(v, "retry.window", true), window);
                default -> ctx.unknownKey(e.getValue().getKeyNode(), e.getKey(), List.of("initial_delay", "max_delay", "max_attempts", "window"), "retry");
            }
        }
        if (max.compareTo(initial) < 0) {
            ctx.error(node, "retry.max_delay", "'retry.max_delay' must not be shorter than 'retry.initial_delay'");
            return d;
        }
        return new RetryPolicy(initial, max, attempts, window);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
