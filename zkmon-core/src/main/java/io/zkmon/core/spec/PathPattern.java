package io.zkmon.core.spec;

/**
 * A znode path that may contain globs: {@code *} matches within one segment ({@code /services/*}{@code /instances},
 * {@code /svc-*}), {@code **} as a whole segment matches any number of segments, including none (at the end: at
 * least one).
 *
 * <p>Matching takes at most time proportional to the path's length times the glob's, whatever the glob: silences come
 * from an HTTP API and from ZooKeeper, and a backtracking matcher would take exponential time on {@code *a*a*a*...}.
 */
public final class PathPattern {

    private static final String[] NO_SEGMENTS = new String[0];

    private final String glob;
    private final String literalPrefix;
    /** The glob's segments; a trailing {@code **} is stored as {@code *} then {@code **} (at least one segment). */
    private final String[] pattern;
    /** The glob's segments as written, for {@link #couldMatchBelow}. */
    private final String[] segments;
    private final int deepFrom;

    private PathPattern(String glob) {
        this.glob = glob;
        this.segments = glob.equals("/") ? NO_SEGMENTS : glob.substring(1).split("/", -1);
        StringBuilder prefix = new StringBuilder();
        boolean wild = false;
        int deep = -1;
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            wild |= seg.indexOf('*') >= 0;
            if (!wild) {
                prefix.append('/').append(seg);
            }
            if (seg.equals("**") && deep < 0) {
                deep = i;
            }
        }
        boolean trailingDeep = segments.length > 0 && segments[segments.length - 1].equals("**");
        if (trailingDeep) {
            String[] p = new String[segments.length + 1];
            System.arraycopy(segments, 0, p, 0, segments.length - 1);
            p[segments.length - 1] = "*";
            p[segments.length] = "**";
            this.pattern = p;
        } else {
            this.pattern = segments;
        }
        this.literalPrefix = prefix.length() == 0 ? "/" : prefix.toString();
        this.deepFrom = deep;
    }

    /** Compiles a glob. */
    public static PathPattern compile(String glob) {
        String problem = problem(glob);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new PathPattern(glob);
    }

    /** True when a path has a wildcard. */
    public static boolean isGlob(String path) {
        return path.indexOf('*') >= 0;
    }

    /**
     * Checks a znode path or glob.
     *
     * @return null when valid, else what is wrong
     */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "a path must not be empty";
        }
        if (path.charAt(0) != '/') {
            return "path '" + path + "' must start with '/'";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "path '" + path + "' must not end with '/'";
        }
        if (path.contains("//")) {
            return "path '" + path + "' must not have an empty segment ('//')";
        }
        for (String seg : path.substring(1).split("/")) {
            if (seg.equals(".") || seg.equals("..")) {
                return "path '" + path + "' must not contain '.' or '..' segments";
            }
            if (seg.contains("**") && !seg.equals("**")) {
                return "path '" + path + "': '**' must be a whole segment";
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0 || (c > 0 && c < 0x1f) || (c >= 0x7f && c <= 0x9f)) {
                return "path '" + path.replace('\0', '?') + "' contains a control character";
            }
        }
        return null;
    }

    /** The glob text. */
    public String glob() {
        return glob;
    }

    /** The longest path before the first wildcard segment: where to look for matches. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** True when a concrete path matches. */
    public boolean matches(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        String[] parts = path.equals("/") ? NO_SEGMENTS : path.substring(1).split("/", -1);
        // the classic wildcard match over segments, "**" the star: no backtracking beyond the last "**"
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < parts.length) {
            if (p < pattern.length && !pattern[p].equals("**") && segmentMatches(pattern[p], parts[t])) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p].equals("**")) {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p].equals("**")) {
            p++;
        }
        return p == pattern.length;
    }

    /** True when some descendant of {@code path} could match: where a search for matches must descend. */
    public boolean couldMatchBelow(String path) {
        String[] parts = path.equals("/") ? NO_SEGMENTS : path.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            if (deepFrom >= 0 && i >= deepFrom) {
                return true;
            }
            if (i >= segments.length || !segmentMatches(segments[i], parts[i])) {
                return false;
            }
        }
        return deepFrom >= 0 || parts.length < segments.length;
    }

    /** One segment against a segment glob whose {@code *} matches any run of characters. */
    static boolean segmentMatches(String glob, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < glob.length() && glob.charAt(p) != '*' && glob.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < glob.length() && glob.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < glob.length() && glob.charAt(p) == '*') {
            p++;
        }
        return p == glob.length();
    }

    @Override
    public String toString() {
        return glob;
    }
}
