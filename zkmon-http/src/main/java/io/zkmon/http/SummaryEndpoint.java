package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorSummary;
import io.zkmon.core.Version;
import io.zkmon.core.MonitorView;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.Clock;

/**
 * {@code GET /api/v1/summary}: the monitor at a glance (connection and server, counts of paths per state, the
 * dispatcher, who sends, self-alerts, whether silences can be changed), in a document whose size does not grow with
 * the number of paths. The dashboard reads it whenever the event feed says something changed.
 */
final class SummaryEndpoint {

    private final MonitorView monitor;
    private final Supplier<ClusterView> cluster;
    private final Clock clock;
    private final boolean mutations;

    SummaryEndpoint(MonitorView monitor, Supplier<ClusterView> cluster, Clock clock, boolean mutations) {
        this.monitor = monitor;
        this.cluster = cluster;
        this.clock = clock;
        this.mutations = mutations;
    }

    void summary(Call call) throws IOException {
        call.query().allow();
        MonitorSummary s = monitor.summary();
        DispatcherStatus d = monitor.dispatcherStatus();
        long[] counts = {s.ok(), s.error(), s.unknown()};
        ClusterView c = cluster.get();
        Optional<ServerInfo> server = monitor.server();
        List<SelfAlert> selfAlerts = monitor.selfAlerts();
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("version", Version.get());
            g.writeStringField("cluster", monitor.clusterName());
            g.writeStringField("agent", monitor.agentName());
            g.writeStringField("leader", c.leader());
            g.writeStringField("legacy_sender", c.legacySender());
            Responses.instant(g, "now", clock.instant());
            g.writeObjectFieldStart("zookeeper");
            g.writeBooleanField("connected", s.connected());
            g.writeBooleanField("primed", s.primed());
            Responses.instant(g, "since", s.since());
            if (server.isPresent()) {
                g.writeObjectFieldStart("server");
                g.writeStringField("version", server.get().version());
                g.writeStringField("mode", server.get().mode().label());
                g.writeEndObject();
            } else {
                g.writeNullField("server");
            }
            g.writeEndObject();
            g.writeArrayFieldStart("self_alerts");
            for (SelfAlert a : selfAlerts) {
                g.writeStartObject();
                g.writeStringField("alert", a.kind().alertName());
                g.writeStringField("message", a.message());
                Responses.instant(g, "since", a.since());
                g.writeBooleanField("firing", a.firing());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("mutations", mutations);
            g.writeObjectFieldStart("paths");
            g.writeNumberField("total", s.paths());
            for (State st : State.values()) {
                g.writeNumberField(st.display(), counts[st.ordinal()]);
            }
            g.writeEndObject();
            StatusEndpoint.dispatcher(g, d);
            g.writeEndObject();
        });
    }
}
