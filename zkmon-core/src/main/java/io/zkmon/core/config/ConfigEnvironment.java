package io.zkmon.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a config file is read in, and which of its variables the file may use. {@code ${VAR}} is replaced
 * only where it cannot publish the value: in secrets (masked wherever config is shown), and elsewhere only for
 * variables listed in {@code settings.env_allow}. Variables that hold zkmon's own secrets ({@link #isZkmonSecret})
 * are never replaced.
 */
final class ConfigEnvironment {

    /** The settings key that lists the environment variables allowed in fields that are not secrets. */
    static final String ENV_ALLOW = "env_allow";

    private static final Pattern VAR = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> variables;
    private List<String> allow = List.of();

    ConfigEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    /** An environment variable that holds a secret of zkmon itself (its API token, its ZooKeeper password). */
    static boolean isZkmonSecret(String name) {
        if (!name.startsWith("ZKMON_")) {
            return false;
        }
        String n = name.substring(6);
        return n.contains("PASS") || n.contains("TOKEN") || n.contains("SECRET") || n.contains("KEY") || n.contains("CREDENTIAL");
    }

    /** Sets the variables (names, or prefixes ending in {@code *}) that may be replaced in fields that are not secrets. */
    void allow(List<String> names) {
        allow = List.copyOf(names);
    }

    /** The environment without the variables that hold zkmon's own secrets. */
    Map<String, String> withoutZkmonSecrets() {
        Map<String, String> out = new HashMap<>(variables);
        out.keySet().removeIf(ConfigEnvironment::isZkmonSecret);
        return out;
    }

    /**
     * {@code $$} → {@code $}, {@code ${VAR}} and {@code ${VAR:-default}} → the variable's value, where allowed; a use
     * that is not allowed, or of a variable that is not set, is replaced by nothing and told to {@code problems}.
     *
     * @param key    the config key of the value, for the messages
     * @param secret whether the value is a secret (masked wherever config is shown)
     */
    String interpolate(String raw, String key, boolean secret, Consumer<String> problems) {
        if (raw.indexOf('$') < 0) {
            return raw;
        }
        Matcher m = VAR.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = "";
            String name = m.group(1);
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (isZkmonSecret(name)) {
                problems.accept("'" + key + "' uses ${" + name + "}, which holds a secret of zkmon itself; zkmon never puts it"
                        + " into its config: give this field a value or a variable of its own");
            } else if (!secret && !allowed(name)) {
                problems.accept("'" + key + "' uses ${" + name + "}, but '" + key + "' is not a secret, so its value would be"
                        + " shown (validate, /api/v1/paths); environment variables are replaced in secrets (passwords,"
                        + " tokens, keys, webhook URLs, header values) and, elsewhere, only when listed in settings."
                        + ENV_ALLOW + ": [" + name + "]");
            } else {
                String value = variables.get(name);
                if (value == null || value.isEmpty()) {
                    value = m.group(2);
                }
                if (value == null) {
                    // empty counts as unset, as ${VAR:-default} reads it: an empty password or URL is a mistake, not a value
                    problems.accept("environment variable '" + name + "' used by '" + key + "' is "
                            + (variables.containsKey(name) ? "empty" : "not set") + "; set it or write ${" + name + ":-default}");
                    value = "";
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean allowed(String name) {
        for (String a : allow) {
            if (a.endsWith("*") ? name.startsWith(a.substring(0, a.length() - 1)) : a.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
