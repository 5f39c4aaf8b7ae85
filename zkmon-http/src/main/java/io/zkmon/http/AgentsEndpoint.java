package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.ClusterView;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/agents}: the agents of the cluster as this agent sees them, which one sends alerts (or the old
 * {@code zk_monitor} agent holding the cluster's lock), and whether the cluster's znodes are protected by ACLs.
 */
final class AgentsEndpoint {

    private final String clusterName;
    private final Supplier<ClusterView> cluster;

    AgentsEndpoint(String clusterName, Supplier<ClusterView> cluster) {
        this.clusterName = clusterName;
        this.cluster = cluster;
    }

    void list(Call call) throws IOException {
        call.query().allow();
        ClusterView view = cluster.get();
        String leader = view.leader();
        String self = view.self();
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("cluster", clusterName);
            g.writeStringField("self", self);
            g.writeStringField("leader", leader);
            Responses.instant(g, "leader_since", view.leaderSince());
            g.writeStringField("legacy_sender", view.legacySender());
            g.writeBooleanField("secured", view.secured());
            g.writeArrayFieldStart("agents");
            for (ClusterView.Agent a : view.agents()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeStringField("host", a.host());
                g.writeNumberField("pid", a.pid());
                g.writeStringField("version", a.version());
                Responses.instant(g, "started_at", a.startedAt());
                g.writeNumberField("http_port", a.httpPort());
                g.writeBooleanField("leader", Objects.equals(a.name(), leader));
                g.writeBooleanField("self", Objects.equals(a.name(), self));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
