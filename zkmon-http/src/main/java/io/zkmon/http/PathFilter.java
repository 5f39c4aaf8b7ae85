package io.zkmon.http;

import io.zkmon.core.spec.State;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which paths a listing shows: {@code state} (comma-separated {@code ok}, {@code error}, {@code unknown}, any
 * case), {@code q} (a substring of the path, any case), and a page ({@code offset}, {@code limit}, by default
 * {@value #DEFAULT_LIMIT} paths).
 *
 * @param states the states shown
 * @param text   the substring to look for, or null for every path
 * @param offset matching paths to skip
 * @param limit  matching paths to show at most
 */
record PathFilter(Set<State> states, String text, int offset, int limit) {

    static final String VALID_STATES = "ok, error, unknown (comma-separated)";

    /** Paths in a page when the request does not say: a listing's size does not grow with the number of paths. */
    static final int DEFAULT_LIMIT = 100;

    static PathFilter from(Query q) {
        q.allow("state", "q", "offset", "limit");
        String text = q.get("q");
        return new PathFilter(states(q.get("state")), text == null || text.isEmpty() ? null : text,
                q.nonNegative("offset", 0), q.nonNegative("limit", DEFAULT_LIMIT));
    }

    private static Set<State> states(String param) {
        if (param == null || param.isBlank()) {
            return EnumSet.allOf(State.class);
        }
        Set<State> out = EnumSet.noneOf(State.class);
        for (String s : param.split(",")) {
            String name = s.trim().toUpperCase(Locale.ROOT);
            try {
                out.add(State.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown state '" + Responses.echo(s.trim()) + "'; use " + VALID_STATES);
            }
        }
        return out;
    }

    /** True when the path contains the text (ignoring case), without allocating. */
    boolean matchesText(String path) {
        if (text == null) {
            return true;
        }
        int max = path.length() - text.length();
        for (int i = 0; i <= max; i++) {
            if (path.regionMatches(true, i, text, 0, text.length())) {
                return true;
            }
        }
        return false;
    }

    /** True when a path in this state is shown. */
    boolean matches(State state, String path) {
        return states.contains(state) && matchesText(path);
    }
}
