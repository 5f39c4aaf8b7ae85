package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorSummary;
import io.zkmon.core.Version;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.util.function.Supplier;
import java.time.Clock;

/**
 * {@code GET /api/v1/summary}: the monitor at a glance (connection, counts of paths per state, the dispatcher),
 * in a document whose size does not grow with the number of paths. The dashboard polls it.
 */
final class SummaryEndpoint {

    private final MonitorView monitor;
    private final Supplier<ClusterView> cluster;
    private final Clock clock;

    SummaryEndpoint(MonitorView monitor, Supplier<ClusterView> cluster, Clock clock) {
        this.monitor = monitor;
        this.cluster = cluster;
        this.clock = clock;
    }

    void summary(Call call) throws IOException {
        call.query().allow();
        MonitorSummary s = monitor.summary();
        DispatcherStatus d = monitor.dispatcherStatus();
        long[] counts = {s.ok(), s.error(), s.unknown()};
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("version", Version.get());
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
