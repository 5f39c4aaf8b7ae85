package io.zkmon.core.spec;

import java.util.regex.Pattern;

/**
 * A znode path that may contain globs: {@code *} matches within one segment ({@code /services/*}{@code /instances},
 * {@code /svc-*}), {@code **} as a whole segment matches any number of segments, including none.
 */
public final class PathPattern {

    private final String glob;
    private final String literalPrefix;
    private final Pattern regex;
    private final Pattern[] segments;
    private final int deepFrom;

    private PathPattern(String glob) {
        this.glob = glob;
        String[] parts = glob.substring(1).split("/", -1);
        this.segments = new Pattern[parts.length];
        StringBuilder prefix = new StringBuilder();
        StringBuilder re = new StringBuilder();
        boolean wild = false;
        int deep = -1;
        for (int i = 0; i < parts.length; i++) {
            String seg = parts[i];
            wild |= seg.indexOf('*') >= 0;
            if (!wild) {
                prefix.append('/').append(seg);
            }
            if (seg.equals("**")) {
                // trailing '/**' means "anything below", a middle '/**/' also allows nothing in between
                re.append(i == parts.length - 1 ? "(?:/[^/]+)+" : "(?:/[^/]+)*");
                if (deep < 0) {
                    deep = i;
                }
            } else {
                String one = segmentRegex(seg);
                re.append('/').append(one);
                segments[i] = Pattern.compile(one);
            }
        }
        this.literalPrefix = prefix.length() == 0 ? "/" : prefix.toString();
        this.regex = Pattern.compile(re.toString());
        this.deepFrom = deep;
    }

    private static String segmentRegex(String seg) {
        StringBuilder one = new StringBuilder();
        String[] literals = seg.split("\\*", -1);
        for (int j = 0; j < literals.length; j++) {
            if (j > 0) {
                one.append("[^/]*");
            }
            if (!literals[j].isEmpty()) {
                one.append(Pattern.quote(literals[j]));
            }
        }
        return one.toString();
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
        return regex.matcher(path).matches();
    }

    /** True when some descendant of {@code path} could match: where a search for matches must descend. */
    public boolean couldMatchBelow(String path) {
        String[] parts = path.equals("/") ? new String[0] : path.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            if (deepFrom >= 0 && i >= deepFrom) {
                return true;
            }
            if (i >= segments.length || !segments[i].matcher(parts[i]).matches()) {
                return false;
            }
        }
        return deepFrom >= 0 || parts.length < segments.length;
    }

    @Override
    public String toString() {
        return glob;
    }
}
