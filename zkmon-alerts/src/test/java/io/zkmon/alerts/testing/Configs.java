package io.zkmon.alerts.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import java.util.Map;

/** Loads YAML the way the daemon does (ServiceLoader registry, injected environment), for tests. */
public final class Configs {

    /** The file name errors are reported against. */
    public static final String FILE = "alerts.yaml";

    private Configs() {
    }

    /** Every provider on the test classpath, found by ServiceLoader as the daemon finds them. */
    public static AlerterRegistry registry() {
        return AlerterRegistry.load(Configs.class.getClassLoader());
    }

    public static MonitorConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    public static MonitorConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.create(registry(), env).parse(yaml, FILE);
    }

    /** The alerter with this id from a config that must be valid. */
    public static Alerter alerter(String yaml, String id) {
        return alerter(yaml, Map.of(), id);
    }

    public static Alerter alerter(String yaml, Map<String, String> env, String id) {
        MonitorConfig c = parse(yaml, env);
        if (!c.alerters().containsKey(id)) {
            throw new AssertionError("no alerter '" + id + "' in " + c.alerters().keySet());
        }
        return c.alerters().get(id).alerter();
    }

    /**
     * A config of one named alerter {@code it} used by path {@code /p}.
     *
     * @param settings the alerter's settings as YAML flow-map entries, e.g. {@code "type: webhook, url: http://x"}
     */
    public static Alerter named(String settings) {
        return named(settings, Map.of());
    }

    public static Alerter named(String settings, Map<String, String> env) {
        return alerter("alerters:\n  it: {" + settings + "}\n/p: {alerter: it}\n", env, "it");
    }

    /** The errors of a config that must be invalid. */
    public static List<ConfigError> errors(String yaml) {
        return errors(yaml, Map.of());
    }

    public static List<ConfigError> errors(String yaml, Map<String, String> env) {
        ConfigException[] caught = new ConfigException[1];
        assertThatThrownBy(() -> parse(yaml, env)).isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
        return caught[0].errors();
    }
}
