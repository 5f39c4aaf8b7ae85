package io.zkmon.cli;

import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code zkmon check} as a Nagios plugin reports it: a status line with performance data, then a
 * table of every path. Pure: built from plain values, so it is tested without ZooKeeper.
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
     */
    record Line(String path, State state, int children, String message) {
    }

    private final List<Line> paths;

    CheckReport(List<Line> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The report of a monitor's paths. */
    static CheckReport of(List<PathStatus> statuses) {
        return new CheckReport(statuses.stream().map(p -> new Line(p.path(), p.state(), p.childCount(), p.message())).toList());
    }

    /** 1 when any path is out of spec, else 3 when any is unknown, else 0. */
    int exitCode() {
        if (count(State.ERROR) > 0) {
            return WARNING;
        }
        return count(State.UNKNOWN) > 0 ? UNKNOWN : OK;
    }

    /** The status line, the table and a trailing newline. */
    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(statusLine()).append('\n');
        sb.append(table());
        return sb.toString();
    }

    String statusLine() {
        int errors = count(State.ERROR);
        int unknown = count(State.UNKNOWN);
        String text;
        if (errors > 0) {
            text = errors + " of " + paths.size() + " paths out of spec: " + String.join(", ", pathsIn(State.ERROR));
        } else if (unknown > 0) {
            text = unknown + " of " + paths.size() + " paths unknown: " + String.join(", ", pathsIn(State.UNKNOWN));
        } else {
            text = "all " + paths.size() + " paths in spec";
        }
        return "ZKMON " + label(exitCode()) + " - " + text + " | paths=" + paths.size() + " out_of_spec=" + errors + " unknown=" + unknown;
    }

    /** The table of paths, columns aligned. */
    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PATH", "STATE", "CHILDREN", "MESSAGE"});
        for (Line p : paths) {
            rows.add(new String[] {p.path(), p.state().display(), p.state() == State.UNKNOWN ? "-" : String.valueOf(p.children()), p.message()});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                sb.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(r[3]).append('\n');
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

    private List<String> pathsIn(State s) {
        return paths.stream().filter(p -> p.state() == s).map(Line::path).toList();
    }
}
