package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.PathStatus;
import io.zkmon.core.Version;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.DispatcherStatus;
import java.io.IOException;

/**
 * {@code GET /} and {@code GET /status}: the old {@code zk_monitor} daemon's documents, kept compatible (fields
 * may be added, none renamed or removed). Built from the monitor's memory; a request never reads ZooKeeper.
 */
final class StatusEndpoint {

    private final MonitorView monitor;
    private final RenderCache cache = new RenderCache();

    StatusEndpoint(MonitorView monitor) {
        this.monitor = monitor;
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
        call.query().allow();
        // read the generation before the status: a change in between renders anew next time, never stale
        long generation = monitor.generation();
        call.cachedJson(cache, "status@" + generation, g -> write(g, monitor.status()));
    }

    /**
     * Writes the old daemon's document exactly, plus fields it did not have:
     * {@code {"version", "zookeeper": {"connected", ...}, "monitor": {"alerter": {"alerting"}, "compliance": {path: true
     * or "what is wrong"}, "paths": {path: {"state", "message"}}}, "dispatcher": {"name", "alerters", "alerting"}}}.
     * {@code compliance} is the old daemon's ({@code true} in spec, else the message), so its users' scripts keep
     * working; {@code paths} has every state spelled {@code OK}, {@code Error}, {@code Unknown}.
     */
    static void write(JsonGenerator g, MonitorStatus status) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", status.version());
        g.writeObjectFieldStart("zookeeper");
        g.writeBooleanField("connected", status.connected());
        g.writeBooleanField("primed", status.primed());
        Responses.instant(g, "since", status.since());
        g.writeEndObject();
        DispatcherStatus d = status.dispatcher();
        g.writeObjectFieldStart("monitor");
        g.writeObjectFieldStart("alerter");
        g.writeBooleanField("alerting", d.alerting());
        g.writeEndObject();
        g.writeObjectFieldStart("compliance");
        for (PathStatus p : status.paths()) {
            if (p.state() == io.zkmon.core.spec.State.OK) {
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
