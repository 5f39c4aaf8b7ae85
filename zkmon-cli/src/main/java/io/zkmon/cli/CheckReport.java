package io.zkmon.cli;

import io.zkmon.core.PathStatus;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code zkmon check} as a Nagios plugin reports it: a status line with performance data, then a
 * table of every path. Pure: built from plain values, so it is tested without ZooKeeper.
 *
 * <p>The exit status is the worst of: a path of severity {@code critical} out of spec (CRITICAL, 2); something zkmon
 * could not see, a path Unknown or one of its own conditions (UNKNOWN, 3); a path of severity {@code warning} out of
 * spec (WARNING, 1). A path of severity {@code info} out of spec is listed but leaves the status OK (0).
 */
final class CheckReport {

    /** Nagios exit statuses. */
    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;

    /**
     * One path as the report shows it.
     *
     * @param path     the path
     * @param state    its state
     * @param children its number of children
     * @param message  what is wrong, or why nothing is known
     * @param severity how urgent it is when out of spec
     */
    record Line(String path, State state, int children, String message, Severity severity) {

        /** A path of the default severity, {@code warning}. */
        Line(String path, State state, int children, String message) {
            this(path, state, children, message, Severity.WARNING);
        }
    }

    private final List<Line> paths;
    private final List<String> blind;

    CheckReport(List<Line> paths) {
        this(paths, List.of());
    }

    /**
     * @param blind what zkmon itself could not see (its self-alert conditions), for people
     */
    CheckReport(List<Line> paths, List<String> blind) {
        this.paths = List.copyOf(paths);
        this.blind = List.copyOf(blind);
    }

    /** The report of a monitor's paths and its own conditions. */
    static CheckReport of(List<PathStatus> statuses, List<SelfAlert> selfAlerts) {
        return new CheckReport(statuses.stream().map(p -> new Line(p.path(), p.state(), p.childCount(), p.message(), p.spec().severity()))
                .toList(), selfAlerts.stream().map(SelfAlert::message).toList());
    }

    /** The worst condition found, as a Nagios status (see the class comment). */
    int exitCode() {
        if (outOfSpec(Severity.CRITICAL) > 0) {
            return CRITICAL;
        }
        if (count(State.UNKNOWN) > 0 || !blind.isEmpty()) {
            return UNKNOWN;
        }
        return outOfSpec(Severity.WARNING) > 0 ? WARNING : OK;
    }

    /** The status line, the table and a trailing newline. */
    String render() {
        return statusLine() + '\n' + table();
    }

    String statusLine() {
        int errors = count(State.ERROR);
        int unknown = count(State.UNKNOWN);
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            List<String> bySeverity = new ArrayList<>();
            for (Severity s : Severity.values()) {
                List<String> in = outOfSpecPaths(s);
                if (!in.isEmpty()) {
                    bySeverity.add(s.label() + ": " + String.join(", ", in));
                }
            }
            parts.add(errors + " of " + paths.size() + " paths out of spec (" + String.join("; ", bySeverity) + ")");
        }
        if (unknown > 0) {
            parts.add(unknown + " of " + paths.size() + " paths unknown: " + String.join(", ", pathsIn(State.UNKNOWN)));
        }
        if (!blind.isEmpty()) {
            parts.add("zkmon cannot see: " + String.join("; ", blind));
        }
        String text = parts.isEmpty() ? "all " + paths.size() + " paths in spec" : String.join("; ", parts);
        return "ZKMON " + label(exitCode()) + " - " + text + " | paths=" + paths.size() + " out_of_spec=" + errors + " unknown=" + unknown;
    }

    /** The table of paths, columns aligned. */
    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PATH", "STATE", "SEVERITY", "CHILDREN", "MESSAGE"});
        for (Line p : paths) {
            rows.add(new String[] {p.path(), p.state().display(), p.severity().label(),
                    p.state() == State.UNKNOWN ? "-" : String.valueOf(p.children()), p.message()});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns - 1];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                sb.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(r[columns - 1]).append('\n');
        }
        return sb.toString();
    }

    static String label(int code) {
        return switch (code) {
            case OK -> "OK";
            case WARNING -> "WARNING";
            case CRITICAL -> "CRITICAL";
            default -> "UNKNOWN";
        };
    }

    private int count(State s) {
        return (int) paths.stream().filter(p -> p.state() == s).count();
    }

    private int outOfSpec(Severity s) {
        return outOfSpecPaths(s).size();
    }

    private List<String> outOfSpecPaths(Severity s) {
        return paths.stream().filter(p -> p.state() == State.ERROR && p.severity() == s).map(Line::path).toList();
    }

    private List<String> pathsIn(State s) {
        return paths.stream().filter(p -> p.state() == s).map(Line::path).toList();
    }
}
