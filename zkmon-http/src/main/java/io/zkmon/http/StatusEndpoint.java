package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.PathStatus;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import io.zkmon.core.Version;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /} and {@code GET /status}: the old {@code zk_monitor} daemon's documents. {@code /status} answers in
 * one of two {@link StatusFormat shapes}: zkmon's (the old daemon's documented shape plus zkmon's additions; fields
 * may be added, none renamed or removed) or, with {@code ?format=zk_monitor-0.1}, exactly what the old daemon's last
 * release served. Built from the monitor's memory; a request never reads ZooKeeper.
 */
final class StatusEndpoint {

    /** The old daemon's Content-Type (its own test insisted on it, so that browsers show the document). */
    static final String OLD_TYPE = "text/json; charset=UTF-8";

    /** Python's {@code json.dumps(doc, indent=4, sort_keys=True)}: four spaces, {@code "key": value}, {@code {}}. */
    static final PrettyPrinter OLD_PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"));

    private static final String ENDPOINT = "status";

    private final MonitorView monitor;
    private final Supplier<ClusterView> cluster;
    private final RenderCache cache;
    private final StatusFormat defaultFormat;

    StatusEndpoint(MonitorView monitor, Supplier<ClusterView> cluster, RenderCache cache, StatusFormat defaultFormat) {
        this.monitor = monitor;
        this.cluster = cluster;
        this.cache = cache;
        this.defaultFormat = defaultFormat;
    }

    /** {@code {"version": "0.1.0"}}. */
    void root(Call call) throws IOException {
        call.query().allow();
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("version", Version.get());
            g.writeEndObject();
        });
    }

    void status(Call call) throws IOException {
        String f = call.query().allow("format").get("format");
        StatusFormat format;
        try {
            format = f == null ? defaultFormat : StatusFormat.of(f);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'format': " + e.getMessage());
        }
        // read the generation before the status: a change in between renders anew next time, never stale
        long generation = monitor.generation();
        if (format == StatusFormat.ZK_MONITOR_0_1) {
            // a cache entry per shape: the two have different tags, and each endpoint keeps only its newest tag
            call.cached(cache, ENDPOINT + "?" + format.id(), Long.toString(generation), "", OLD_TYPE, OLD_PRINTER,
                    g -> writeOld(g, monitor.status()));
            return;
        }
        // what the document shows besides the monitor's status, which its generation does not cover
        Extras extras = Extras.of(monitor, monitor.cluster().isPresent() ? cluster.get() : null);
        call.cachedJson(cache, ENDPOINT, generation + "|" + extras, format.id(), g -> write(g, monitor.status(), extras));
    }

    /**
     * The ZooKeeper server, self-alerts and the cluster, as shown with a status.
     *
     * @param server     the server, or null while not connected
     * @param selfAlerts the self-alerts, oldest first
     * @param cluster    the cluster as this agent sees it
     */
    record Extras(ServerInfo server, List<SelfAlert> selfAlerts, ClusterFacts cluster) {

        /** From the monitor, and its cluster view (null when the monitor runs alone). */
        static Extras of(MonitorView monitor, ClusterView cluster) {
            ClusterFacts facts = cluster == null
                    // alone: no cluster znodes (so no ACLs to speak of), always the sender
                    ? new ClusterFacts(monitor.agentName(), monitor.agentName(), null, null, 1)
                    : new ClusterFacts(cluster.self(), cluster.leader(), cluster.legacySender(), cluster.secured(),
                            cluster.agents().size());
            return new Extras(monitor.server().orElse(null), List.copyOf(monitor.selfAlerts()), facts);
        }
    }

    /**
     * What {@code /status} shows of the cluster.
     *
     * @param secured whether the cluster's znodes have ACLs; null for a monitor without a cluster
     */
    record ClusterFacts(String self, String leader, String legacySender, Boolean secured, int agents) {

        /** Who sends alerts, in words. */
        String alerting() {
            if (legacySender != null) {
                return "alerting held by a zk_monitor agent (" + legacySender + ")";
            }
            if (leader == null) {
                return "no agent sends alerts";
            }
            return leader.equals(self) ? "this agent (" + self + ") sends alerts" : leader + " sends alerts";
        }
    }

    /**
     * Writes zkmon's document: the old daemon's documented fields, plus fields it did not have:
     * {@code {"version", "zookeeper": {"connected", "primed", "since", "server"}, "monitor": {"alerter": {"alerting"},
     * "compliance": {path: true or "what is wrong"}, "paths": {path: {"state", "message"}}}, "dispatcher": {"name",
     * "alerters", "alerting"}, "cluster": {...}, "self_alerts": [...]}}. {@code compliance} is the old daemon's
     * documented one ({@code true} in spec, else the message), so its users' scripts keep working; {@code paths} has
     * every state spelled {@code OK}, {@code Error}, {@code Unknown}.
     */
    static void write(JsonGenerator g, MonitorStatus status, Extras extras) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", status.version());
        g.writeObjectFieldStart("zookeeper");
        g.writeBooleanField("connected", status.connected());
        g.writeBooleanField("primed", status.primed());
        Responses.instant(g, "since", status.since());
        if (extras.server() == null) {
            g.writeNullField("server");
        } else {
            g.writeObjectFieldStart("server");
            g.writeStringField("version", extras.server().version());
            g.writeStringField("mode", extras.server().mode().label());
            g.writeEndObject();
        }
        g.writeEndObject();
        DispatcherStatus d = status.dispatcher();
        g.writeObjectFieldStart("monitor");
        g.writeObjectFieldStart("alerter");
        g.writeBooleanField("alerting", d.alerting());
        g.writeEndObject();
        g.writeObjectFieldStart("compliance");
        for (PathStatus p : status.paths()) {
            if (p.state() == State.OK) {
                g.writeBooleanField(p.path(), true);
            } else {
                g.writeStringField(p.path(), p.message());
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("paths");
        for (PathStatus p : status.paths()) {
            g.writeObjectFieldStart(p.path());
            g.writeStringField("state", p.state().display());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        dispatcher(g, d);
        cluster(g, extras.cluster());
        g.writeArrayFieldStart("self_alerts");
        for (SelfAlert a : extras.selfAlerts()) {
            g.writeStartObject();
            g.writeStringField("alert", a.kind().alertName());
            g.writeStringField("kind", a.kind().name().toLowerCase(Locale.ROOT));
            g.writeBooleanField("firing", a.firing());
            Responses.instant(g, "since", a.since());
            g.writeStringField("message", a.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void cluster(JsonGenerator g, ClusterFacts c) throws IOException {
        g.writeObjectFieldStart("cluster");
        g.writeStringField("acl", c.secured() == null ? null : c.secured() ? "secured" : "open");
        g.writeNumberField("agents", c.agents());
        g.writeStringField("sender", c.legacySender() != null ? null : c.leader());
        g.writeStringField("legacy_sender", c.legacySender());
        g.writeStringField("alerting", c.alerting());
        g.writeEndObject();
    }

    /**
     * Writes the old daemon's shipped document, keys sorted as it sorted them: {@code {"dispatcher": {"alerters",
     * "alerting", "name"}, "monitor": {"compliance": {path: {"message", "state"}}}, "version", "zookeeper":
     * {"connected"}}}.
     */
    static void writeOld(JsonGenerator g, MonitorStatus status) throws IOException {
        DispatcherStatus d = status.dispatcher();
        g.writeStartObject();
        g.writeObjectFieldStart("dispatcher");
        g.writeArrayFieldStart("alerters");
        for (String a : d.alerters()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeBooleanField("alerting", d.alerting());
        g.writeStringField("name", d.name());
        g.writeEndObject();
        g.writeObjectFieldStart("monitor");
        g.writeObjectFieldStart("compliance");
        for (PathStatus p : status.paths()) {
            g.writeObjectFieldStart(p.path());
            g.writeStringField("message", p.message());
            g.writeStringField("state", p.state().display());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("version", status.version());
        g.writeObjectFieldStart("zookeeper");
        g.writeBooleanField("connected", status.connected());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code "dispatcher": {"name", "alerters", "alerting"}}: the old daemon's, also in the summary. */
    static void dispatcher(JsonGenerator g, DispatcherStatus d) throws IOException {
        g.writeObjectFieldStart("dispatcher");
        g.writeStringField("name", d.name());
        g.writeArrayFieldStart("alerters");
        for (String a : d.alerters()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeBooleanField("alerting", d.alerting());
        g.writeEndObject();
    }
}
