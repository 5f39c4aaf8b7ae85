package io.zkmon.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The decoded parameters of a query string; the first value of a repeated name wins. */
final class Query {

    /** Accepted by every endpoint: indent the JSON for people. */
    static final String PRETTY = "pretty";

    private static final int MAX_PARAMS = 32;

    private final Map<String, String> params;

    private Query(Map<String, String> params) {
        this.params = params;
    }

    /** Parses a raw (undecoded) query string, or null for none. */
    static Query parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            String[] pairs = raw.split("&");
            if (pairs.length > MAX_PARAMS) {
                throw ApiException.badRequest("too many query parameters (" + pairs.length + "); at most " + MAX_PARAMS);
            }
            for (String pair : pairs) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = UriDecoding.query(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : UriDecoding.query(pair.substring(eq + 1));
                out.putIfAbsent(name, value);
            }
        }
        return new Query(out);
    }

    /**
     * Refuses names other than these (and {@code pretty}), so a typo such as {@code ?sate=error} is reported instead
     * of silently ignored.
     */
    Query allow(String... names) {
        Set<String> allowed = new TreeSet<>(Arrays.asList(names));
        allowed.add(PRETTY);
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + Responses.echo(name) + "'; this endpoint takes "
                        + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** The value, or null when absent. */
    String get(String name) {
        return params.get(name);
    }

    /** True when present with no value or a value other than {@code false}/{@code 0}. */
    boolean flag(String name) {
        String v = params.get(name);
        return v != null && !v.equalsIgnoreCase("false") && !v.equals("0");
    }

    /** A non-negative integer, or the default when absent. */
    int nonNegative(String name, int absent) {
        String v = params.get(name);
        if (v == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("'" + name + "' must be a whole number of 0 or more, got '" + Responses.echo(v) + "'");
    }
}
