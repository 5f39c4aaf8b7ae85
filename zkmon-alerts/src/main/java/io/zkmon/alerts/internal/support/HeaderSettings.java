package io.zkmon.alerts.internal.support;

import io.zkmon.core.alert.AlerterSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code headers:} map of extra HTTP headers. Internal to zkmon-alerts. */
public final class HeaderSettings {

    private static final URI PROBE = URI.create("http://localhost/");

    private HeaderSettings() {
    }

    /**
     * The headers under {@code key}. Every value is treated as a secret (an {@code Authorization} or
     * {@code X-Api-Key} header usually is): masked when config is printed and never repeated in messages. A header
     * the HTTP client would refuse ({@code Host}, {@code Content-Length}, a bad name or a line break in a value) is
     * reported as a config error.
     */
    public static Map<String, String> read(AlerterSettings s, String key) {
        Map<String, String> raw = s.secretMap(key);
        if (raw.isEmpty()) {
            return Map.of();
        }
        AlerterSettings masked = s.child(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            String value = masked.secret(name, raw.get(name));
            try {
                // building a request is pure (no I/O) and applies exactly the client's own rules
                HttpRequest.newBuilder(PROBE).setHeader(name, value);
                out.put(name, value);
            } catch (IllegalArgumentException e) {
                s.error(key, "header '" + name + "' of alerter '" + s.name() + "' cannot be sent: "
                        + (isRestricted(name) ? "the HTTP client sets it itself" : "the name or value is not valid in HTTP (no spaces in names, no line breaks)"));
            }
        }
        return Map.copyOf(out);
    }

    private static boolean isRestricted(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "connection", "content-length", "expect", "host", "upgrade" -> true;
            default -> false;
        };
    }
}
