package io.zkmon.core.alert;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings of one alerter as written in config, with typed getters that report problems as config errors
 * naming the file, line, column and key. The settings may be a map ({@code slack: {channel: ..., token: ...}}),
 * a single value ({@code email: you@home.com}) or a list ({@code email: [a@x.com, b@x.com]}).
 *
 * <p>Getters never throw for bad input: they report the problem and return the default (or null).
 */
public interface AlerterSettings {

    /** The alerter's name: the key under {@code alerters:}, or its type when declared inline on a path. */
    String name();

    /** The alerter type. */
    String type();

    /** True when the settings are a single scalar value. */
    boolean isScalar();

    /** True when the settings are a list. */
    boolean isList();

    /** True when the settings are a map (also true for an empty value). */
    boolean isMap();

    /**
     * The scalar or list form as strings: {@code a@x.com} → [a@x.com]; {@code "a@x.com, b@x.com"} → both;
     * {@code [a@x.com, b@x.com]} → both. Empty for a map.
     */
    List<String> values();

    /** Like {@link #values()}, for a short form that is itself a secret (e.g. {@code webhook: URL-with-token}): masked when printed. */
    List<String> secretValues();

    /** True when a map key is present. */
    boolean has(String key);

    /** A required string; reports a missing or empty value and returns null. */
    String string(String key);

    /** An optional string. */
    String string(String key, String defaultValue);

    /** A required secret (password, token, key): masked whenever config is printed. */
    String secret(String key);

    /** An optional secret. */
    String secret(String key, String defaultValue);

    /** An optional whole number within bounds. */
    int integer(String key, int defaultValue, int min, int max);

    /** An optional boolean. */
    boolean bool(String key, boolean defaultValue);

    /** An optional duration ({@code 30s}, {@code 500ms}, a bare number is seconds). */
    Duration duration(String key, Duration defaultValue);

    /** An optional list of strings: a list, a single value, or a comma-separated string. */
    List<String> strings(String key);

    /** An optional map of string to string (e.g. HTTP headers, labels). */
    Map<String, String> stringMap(String key);

    /**
     * A required absolute http or https URL. When {@code secret} is true the URL is masked in printed config
     * and never appears in messages (e.g. a webhook URL carrying a token).
     */
    URI url(String key, boolean secret);

    /** An optional http or https URL. */
    URI url(String key, String defaultValue, boolean secret);

    /** Nested settings under a key (empty when absent; a value that is not a map is reported). */
    AlerterSettings child(String key);

    /** Reports a problem with a key (or with the whole alerter when key is null). */
    void error(String key, String message);

    /** Environment variables (injectable in tests), e.g. {@code SMTP_HOST}. */
    Map<String, String> env();
}
