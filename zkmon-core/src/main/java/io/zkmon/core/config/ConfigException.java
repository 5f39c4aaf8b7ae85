package io.zkmon.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every problem found in it (not only the first).
 * This is the only exception config loading throws for bad input.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(render(errors), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors) {
        String head = errors.size() == 1 ? "1 config error" : errors.size() + " config errors";
        return head + ":\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
