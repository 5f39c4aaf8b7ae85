package io.zkmon.alerts.internal.support;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The words every human-facing backend (email, Slack, HipChat) uses for a notification, so they all say the same
 * thing the same way. Pure functions of the notification. Internal to zkmon-alerts.
 */
public final class NotificationText {

    /** One labelled line: {@code Cluster: prod}. */
    public record Field(String label, String value) {
    }

    private NotificationText() {
    }

    /**
     * {@code /services/foo out of spec}, {@code ... still out of spec} for a reminder, {@code ... back in spec}; for
     * zkmon itself, {@link Notification#summary()} ({@code ZkmonBlind: zkmon agent host-1 in cluster prod}).
     */
    public static String headline(Notification n) {
        if (n.firing() && n.repeat() && !n.selfAlert()) {
            return n.path() + " still out of spec";
        }
        return n.summary();
    }

    /** {@code Error (was OK)}. */
    public static String state(Notification n) {
        return n.previousState() == null ? n.state().display() : n.state().display() + " (was " + n.previousState().display() + ")";
    }

    /** {@code 0 (removed: instance-1; added: none)}, or just the count when nothing changed. */
    public static String children(Notification n) {
        if (n.childrenAdded().isEmpty() && n.childrenRemoved().isEmpty()) {
            return Integer.toString(n.childCount());
        }
        return n.childCount() + " (removed: " + list(n.childrenRemoved()) + "; added: " + list(n.childrenAdded()) + ")";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** Everything worth knowing, in reading order; absent values are left out. */
    public static List<Field> fields(Notification n) {
        List<Field> out = new ArrayList<>();
        if (n.selfAlert()) {
            // about zkmon itself, not a path: no path, state or children to show
            out.add(new Field("Alert", n.alertName() + " (zkmon itself)"));
            out.add(new Field(n.firing() ? "Problem" : "Now", n.message()));
        } else {
            out.add(new Field("Path", n.path()));
            out.add(new Field("State", state(n)));
            out.add(new Field(n.firing() ? "Problem" : "Now", n.message()));
            out.add(new Field("Children", children(n)));
        }
        add(out, "Cluster", n.cluster());
        add(out, "Agent", n.agent());
        String what = n.selfAlert() ? "Since" : "Out of spec since";
        if (n.startedAt() != null) {
            out.add(new Field(what, n.startedAt().toString()));
        }
        if (!n.firing() && n.at() != null) {
            out.add(new Field(n.selfAlert() ? "Over at" : "Back in spec at", n.at().toString()));
            if (n.startedAt() != null && !n.at().isBefore(n.startedAt())) {
                out.add(new Field(n.selfAlert() ? "Lasted" : "Out of spec for", Durations.formatApproximately(Duration.between(n.startedAt(), n.at()))));
            }
        }
        add(out, "Status", n.statusUrl());
        return out;
    }

    private static void add(List<Field> out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Field(label, value));
        }
    }

    /** A plain-text rendering: the headline, a blank line, then one aligned {@code Label: value} line per field. */
    public static String plain(Notification n) {
        List<Field> fields = fields(n);
        int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 1;
        StringBuilder sb = new StringBuilder(headline(n)).append(".\n\n");
        for (Field f : fields) {
            sb.append(String.format("%-" + width + "s %s", f.label() + ":", f.value())).append('\n');
        }
        return sb.toString();
    }
}
