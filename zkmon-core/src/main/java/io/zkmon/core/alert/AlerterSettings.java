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

    /**
     * An optional map of names to secret values (e.g. HTTP headers carrying credentials): masked when config is
     * printed, and {@code ${VAR}} is replaced in them as in every secret.
     */
    default Map<String, String> secretMap(String key) {
        return stringMap(key);
    }

    /**
     * One part of the alerter's message text as a template (the email's {@code subject} and {@code body}, Slack's
     * {@code text}). It comes from the alerter's {@code template:} key (a preset name such as {@code seed}, or a map
     * of parts, with an optional {@code preset:} for the parts it leaves out), else from {@code template:} under
     * {@code defaults:} for this alerter's type, else from the default preset. Keys of a {@code template:} map that
     * no part asks for are reported as unknown; a template that does not compile is reported with the file, line and
     * column of the mistake.
     *
     * @param part    the part's name
     * @param presets this part's text in each preset, by preset name ({@link MessageTemplate#PRESETS}); must hold
     *                {@link MessageTemplate#DEFAULT_PRESET}, which also stands in for a preset it lacks
     * @param escape  applied to every value a {@code {{variable}}} inserts, e.g. {@link MessageTemplate#JSON_STRING}
     * @return the template, or null when it was reported as invalid
     */
    default MessageTemplate template(String part, Map<String, String> presets, java.util.function.UnaryOperator<String> escape) {
        return MessageTemplate.compile(presets.get(MessageTemplate.DEFAULT_PRESET), escape);
    }

    /**
     * True when the file is in the old daemon's form and loaded as that daemon loaded it: what it ignored or
     * completed (an unknown key, an address without a domain) is a {@link #warning}, not an error.
     */
    default boolean lenient() {
        return false;
    }

    /**
     * Reports something the old daemon accepted and zkmon accepts too, with the file, line and column: logged at WARN
     * when the config loads and listed by {@code zkmon validate}. Use it only when {@link #lenient()}.
     */
    default void warning(String key, String message) {
        error(key, message);
    }

    /** Nested settings under a key (empty when absent; a value that is not a map is reported). */
    AlerterSettings child(String key);

    /** Reports a problem with a key (or with the whole alerter when key is null). */
    void error(String key, String message);

    /** Environment variables (injectable in tests), e.g. {@code SMTP_HOST}. */
    Map<String, String> env();
}
