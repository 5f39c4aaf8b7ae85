package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code /status} document is the old daemon's documented one plus zkmon's additions; {@code zk_monitor-0.1} is
 * the old daemon's shipped one, byte for byte. Its per-path entries are checked against a real
 * monitor in {@link StatusIT}.
 */
class StatusEndpointTest {

    @Test
    void writesTheSeedShapePlusZkmonsAdditions() throws IOException {
        JsonNode doc = write(status(true, Map.of()), ALONE);

        assertThat(Api.JSON.readTree("""
                {"version": "1.2.3",
                 "zookeeper": {"connected": true, "primed": true, "since": "2025-06-01T12:00:00Z",
                               "server": {"version": "3.9.3", "mode": "persistent"}},
                 "monitor": {
                   "alerter": {"alerting": true},
                   "compliance": {},
                   "paths": {}},
                 "dispatcher": {"name": "host-1234", "alerters": ["email"], "alerting": true},
                 "cluster": {"acl": null, "agents": 1, "sender": "host-1234", "legacy_sender": null,
                             "alerting": "this agent (host-1234) sends alerts"},
                 "self_alerts": []}
                """)).isEqualTo(doc);
    }

    @Test
    void showsTheAclsTheOldDaemonHoldingTheLockAndSelfAlerts() throws IOException {
        StatusEndpoint.Extras extras = new StatusEndpoint.Extras(null,
                List.of(new SelfAlert(SelfAlert.Kind.BLIND, "ZooKeeper unreachable for 2m", T0, true)),
                new StatusEndpoint.ClusterFacts("host-1234", null, "old-agent-7", true, 2));

        JsonNode doc = write(status(false, Map.of()), extras);

        assertThat(doc.at("/zookeeper/server").isNull()).isTrue();
        assertThat(doc.at("/cluster/acl").asText()).isEqualTo("secured");
        assertThat(doc.at("/cluster/legacy_sender").asText()).isEqualTo("old-agent-7");
        assertThat(doc.at("/cluster/sender").isNull()).isTrue();
        assertThat(doc.at("/cluster/alerting").asText()).isEqualTo("alerting held by a zk_monitor agent (old-agent-7)");
        assertThat(doc.at("/self_alerts/0/alert").asText()).isEqualTo("ZkmonBlind");
        assertThat(doc.at("/self_alerts/0/kind").asText()).isEqualTo("blind");
        assertThat(doc.at("/self_alerts/0/firing").asBoolean()).isTrue();
        assertThat(doc.at("/self_alerts/0/message").asText()).isEqualTo("ZooKeeper unreachable for 2m");
    }

    @Test
    void saysOpenForAClusterWithoutAcls() throws IOException {
        StatusEndpoint.Extras extras = new StatusEndpoint.Extras(null, List.of(),
                new StatusEndpoint.ClusterFacts("a", "b", null, false, 2));

        JsonNode doc = write(status(true, Map.of()), extras);

        assertThat(doc.at("/cluster/acl").asText()).isEqualTo("open");
        assertThat(doc.at("/cluster/alerting").asText()).isEqualTo("b sends alerts");
    }

    @Test
    void writesTheOldDaemonsShippedShapeIndentedAndSorted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Responses.JSON.createGenerator(out)) {
            g.setPrettyPrinter(StatusEndpoint.OLD_PRINTER);
            StatusEndpoint.writeOld(g, status(true, Map.of()));
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {
                    "dispatcher": {
                        "alerters": [
                            "email"
                        ],
                        "alerting": true,
                        "name": "host-1234"
                    },
                    "monitor": {
                        "compliance": {}
                    },
                    "version": "1.2.3",
                    "zookeeper": {
                        "connected": true
                    }
                }""");
    }

    private static final StatusEndpoint.Extras ALONE = new StatusEndpoint.Extras(
            new ServerInfo("3.9.3", ServerInfo.WatchMode.PERSISTENT), List.of(),
            new StatusEndpoint.ClusterFacts("host-1234", "host-1234", null, null, 1));

    private static JsonNode write(MonitorStatus status, StatusEndpoint.Extras extras) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Responses.JSON.createGenerator(out)) {
            StatusEndpoint.write(g, status, extras);
        }
        return Api.JSON.readTree(out.toByteArray());
    }
}
