package io.zkmon.alerts.internal.support;

import io.zkmon.core.alert.AlerterSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** Reading settings the typed getters of {@link AlerterSettings} do not cover. Internal to zkmon-alerts. */
public final class SettingsSupport {

    /** How long one HTTP request or SMTP conversation may take unless {@code timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A longer timeout would hold a delivery thread for longer than any retry backoff is worth. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private SettingsSupport() {
    }

    /** The optional {@code timeout} key: more than 0, at most 2 minutes, default 10 s. */
    public static Duration timeout(AlerterSettings s) {
        Duration d = s.duration("timeout", DEFAULT_TIMEOUT);
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            s.error("timeout", "'timeout' of alerter '" + s.name() + "' must be at most " + MAX_TIMEOUT.toMinutes() + "m, got "
                    + io.zkmon.core.spec.Durations.format(d));
            return DEFAULT_TIMEOUT;
        }
        return d;
    }

    /**
     * Parses an http or https URL written as a plain value or list item (where {@link AlerterSettings#url} cannot be
     * used), reporting a problem against {@code key}. A secret URL is never repeated in the message.
     *
     * @return the URL, or null when it was reported as invalid
     */
    public static URI url(AlerterSettings s, String key, String text, boolean secret) {
        String shown = secret ? "" : ", got '" + text + "'";
        if (text == null || text.isBlank()) {
            s.error(key, "'" + key + "' of alerter '" + s.name() + "' must be an absolute http or https URL" + shown);
            return null;
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                s.error(key, "'" + key + "' of alerter '" + s.name() + "' must be an absolute http or https URL" + shown);
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            s.error(key, "'" + key + "' of alerter '" + s.name() + "' is not a valid URL" + shown);
            return null;
        }
    }

    /**
     * {@code base} with {@code path} appended to its path ({@code https://h/x} + {@code /v2/y} is {@code https://h/x/v2/y}),
     * keeping any query of the base. {@code path} must start with '/' and be already encoded.
     */
    public static URI append(URI base, String path) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String s = base.getScheme() + "://" + base.getRawAuthority() + basePath + path + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery());
        return URI.create(s);
    }
}
