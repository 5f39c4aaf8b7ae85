package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.PathStatus;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.util.function.Supplier;
import java.time.Clock;

/**
 * {@code GET /api/v1/summary}: the monitor at a glance (connection, counts of paths per state, the dispatcher),
 * in a document whose size does not grow with the number of paths. The dashboard polls it.
 */
final class SummaryEndpoint {

    private final ZkMonitor monitor;
    private final Supplier<ClusterView> cluster;
    private final Clock clock;

    SummaryEndpoint(ZkMonitor monitor, Supplier<ClusterView> cluster, Clock clock) {
        this.monitor = monitor;
        this.cluster = cluster;
        this.clock = clock;
    }

    void summary(Call call) throws IOException {
        call.query().allow();
        MonitorStatus s = monitor.status();
        long[] counts = new long[State.values().length];
        for (PathStatus p : s.paths()) {
            counts[p.state().ordinal()]++;
        }
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("version", s.version());
            g.writeStringField("cluster", monitor.clusterName());
            g.writeStringField("agent", monitor.agentName());
            g.writeStringField("leader", cluster.get().leader());
            Responses.instant(g, "now", clock.instant());
            g.writeObjectFieldStart("zookeeper");
            g.writeBooleanField("connected", s.connected());
            g.writeBooleanField("primed", s.primed());
            Responses.instant(g, "since", s.since());
            g.writeEndObject();
            g.writeObjectFieldStart("paths");
            g.writeNumberField("total", s.paths().size());
            for (State st : State.values()) {
                g.writeNumberField(st.display(), counts[st.ordinal()]);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("dispatcher");
            g.writeStringField("name", s.dispatcher().name());
            g.writeArrayFieldStart("alerters");
            for (String a : s.dispatcher().alerters()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeBooleanField("alerting", s.dispatcher().alerting());
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
