package io.zkmon.core.alert;

import io.zkmon.core.spec.DidYouMean;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The variables a {@link MessageTemplate} can use, made from a notification. {@code docs/alerts.md} describes each;
 * absent values (no cluster name, no status URL) are empty, so {@code {{#status_url}}...{{/status_url}}} shows text
 * only when there is one.
 */
public final class TemplateVariables {

    /** Every top-level variable, in the order the docs list them. */
    public static final List<String> NAMES = List.of("path", "state", "previous_state", "state_ok", "state_error", "state_unknown",
            "message", "headline", "summary", "details", "children", "children.count", "children.added", "children.removed", "children.text",
            "cluster", "agent", "since", "at", "ended_at", "duration", "status_url", "severity", "labels", "label_list",
            "annotations", "alert_name", "self_alert", "firing", "resolved", "repeat", "kind", "dedup_key");

    /** Names that make sense inside a section: the current item, list positions, a label's name and value. */
    private static final Set<String> IN_SECTION = Set.of(".", "this", "-first", "-last", "-index", "name", "value");

    private TemplateVariables() {
    }

    /** True for a variable a template may use: one of {@link #NAMES}, {@code labels.NAME}, {@code annotations.NAME}. */
    static boolean isKnown(String name) {
        return NAMES.contains(name) || IN_SECTION.contains(name)
                || (name.startsWith("labels.") && name.length() > 7)
                || (name.startsWith("annotations.") && name.length() > 12);
    }

    /** The known name nearest to a misspelt one, or null. */
    static String nearest(String name) {
        return DidYouMean.nearest(name, NAMES);
    }

    /** The variables of one notification, as a tree of maps, lists, strings and booleans. */
    public static Map<String, Object> of(Notification n) {
        Map<String, Object> v = new HashMap<>();
        v.put("path", n.path());
        v.put("state", n.state().display());
        v.put("previous_state", n.previousState() == null ? "" : n.previousState().display());
        v.put("state_ok", n.state() == State.OK);
        v.put("state_error", n.state() == State.ERROR);
        v.put("state_unknown", n.state() == State.UNKNOWN);
        v.put("message", n.message());
        v.put("headline", headline(n));
        v.put("summary", n.summary());
        v.put("details", details(n));
        Map<String, Object> children = new HashMap<>();
        children.put("count", n.childCount());
        children.put("added", n.childrenAdded());
        children.put("removed", n.childrenRemoved());
        children.put("text", childrenText(n));
        v.put("children", children);
        v.put("cluster", orEmpty(n.cluster()));
        v.put("agent", orEmpty(n.agent()));
        v.put("since", n.startedAt() == null ? "" : n.startedAt().toString());
        v.put("at", n.at() == null ? "" : n.at().toString());
        v.put("ended_at", n.endedAt() == null ? "" : n.endedAt().toString());
        v.put("duration", n.endedAt() != null && n.startedAt() != null && !n.endedAt().isBefore(n.startedAt())
                ? Durations.format(Duration.between(n.startedAt(), n.endedAt())) : "");
        v.put("status_url", orEmpty(n.statusUrl()));
        v.put("severity", n.severity().label());
        v.put("labels", n.labels());
        List<Map<String, String>> labelList = new ArrayList<>();
        n.labels().forEach((k, value) -> labelList.add(Map.of("name", k, "value", value)));
        v.put("label_list", labelList);
        v.put("annotations", n.annotations());
        v.put("alert_name", n.alertName());
        v.put("self_alert", !Notification.PATH_ALERT.equals(n.alertName()));
        v.put("firing", n.firing());
        v.put("resolved", !n.firing());
        v.put("repeat", n.repeat());
        v.put("kind", n.firing() ? "firing" : "resolved");
        v.put("dedup_key", orEmpty(n.dedupKey()));
        return v;
    }

    /** One labelled fact of a notification: {@code Cluster: prod}. */
    public record Field(String label, String value) {
    }

    /** Everything worth knowing about a notification, in reading order; absent values are left out. */
    public static List<Field> fields(Notification n) {
        List<Field> out = new ArrayList<>();
        if (n.selfAlert()) {
            // about zkmon itself, not a path: no path, state or children to show
            out.add(new Field("Alert", n.alertName() + " (zkmon itself)"));
            out.add(new Field(n.firing() ? "Problem" : "Now", n.message()));
        } else {
            out.add(new Field("Path", n.path()));
            if (!Notification.PATH_ALERT.equals(n.alertName())) {
                out.add(new Field("Alert", n.alertName()));
            }
            out.add(new Field("State", n.previousState() == null ? n.state().display()
                    : n.state().display() + " (was " + n.previousState().display() + ")"));
            out.add(new Field(n.firing() ? "Problem" : "Now", n.message()));
            out.add(new Field("Children", childrenText(n)));
        }
        out.add(new Field("Severity", n.severity().label()));
        if (!n.labels().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            n.labels().forEach((k, value) -> pairs.add(k + "=" + value));
            out.add(new Field("Labels", String.join(", ", pairs)));
        }
        n.annotations().forEach((k, value) -> out.add(new Field(annotationLabel(k), value)));
        add(out, "Cluster", n.cluster());
        add(out, "Agent", n.agent());
        if (n.startedAt() != null) {
            out.add(new Field(n.selfAlert() ? "Since" : "Out of spec since", n.startedAt().toString()));
        }
        if (!n.firing() && n.at() != null) {
            out.add(new Field(n.selfAlert() ? "Over at" : "Back in spec at", n.at().toString()));
            if (n.startedAt() != null && !n.at().isBefore(n.startedAt())) {
                out.add(new Field(n.selfAlert() ? "Lasted" : "Out of spec for",
                        Durations.formatApproximately(Duration.between(n.startedAt(), n.at()))));
            }
        }
        add(out, "Status", n.statusUrl());
        return out;
    }

    /** {@code runbook_url} → {@code Runbook}, {@code summary} → {@code Summary}. */
    private static String annotationLabel(String key) {
        String k = key.endsWith("_url") ? key.substring(0, key.length() - 4) : key;
        k = k.replace('_', ' ');
        return k.isEmpty() ? key : Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    private static void add(List<Field> out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Field(label, value));
        }
    }

    /** The facts as aligned {@code Label: value} lines, each ending in a line break. */
    public static String details(Notification n) {
        List<Field> fields = fields(n);
        int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 1;
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(String.format("%-" + width + "s %s", f.label() + ":", f.value())).append('\n');
        }
        return sb.toString();
    }

    /** {@code /services/foo out of spec}, {@code ... still out of spec} for a reminder, {@code ... back in spec}. */
    public static String headline(Notification n) {
        if (n.firing() && n.repeat() && !n.selfAlert()) {
            return n.path() + " still out of spec";
        }
        return n.summary();
    }

    /** {@code 0 (removed: instance-1; added: none)}, or just the count when nothing changed. */
    public static String childrenText(Notification n) {
        if (n.childrenAdded().isEmpty() && n.childrenRemoved().isEmpty()) {
            return Integer.toString(n.childCount());
        }
        return n.childCount() + " (removed: " + list(n.childrenRemoved()) + "; added: " + list(n.childrenAdded()) + ")";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static final List<Notification> SAMPLES = samples();

    private static List<Notification> samples() {
        String nasty = "a \"quoted\" \\ back\\slash\r\nnew line\ttab <b>&amp;</b> \u2028 \u0001 é";
        Map<String, String> labels = Map.of("team", "plat\"form\n<&>", "service", nasty);
        Map<String, String> annotations = Map.of("summary", nasty, "description", nasty,
                "runbook_url", "https://runbooks.example.com/zk?a=1&b=\"2\"");
        Instant t0 = Instant.parse("2026-11-25T16:20:00Z");
        List<Notification> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean firing = i != 1;
            out.add(new Notification(firing ? Notification.Kind.FIRING : Notification.Kind.RESOLVED,
                    "/services/\"x\"\n/instances", firing ? State.ERROR : State.OK, firing ? State.OK : State.ERROR,
                    nasty, 3, List.of(nasty, "b"), List.of("c\"\n"), "clu\"ster\n", "agent\\\n", t0, t0.plusSeconds(90),
                    "dedup\"\n", i == 2, "http://host:8080/status?x=\"1\"", i == 3 ? "ZkmonBlind" : Notification.PATH_ALERT,
                    Severity.values()[i % 3], labels, annotations));
        }
        return List.copyOf(out);
    }
}
