package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.Version;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /} and {@code GET /status} keep the old zk_monitor daemon's documents. */
class StatusIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private ZkMonitor monitor;
    private HttpServer http;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        zk.register("/services/foo/min_1", "a");
        zk.register("/services/foo/min_3", "a");
        zk.register("/services/foo/min_3", "b");
        monitor = zk.monitor("""
                alerters:
                  email: {type: recording, name: status-it}
                /services/foo/min_1: {children: 1, alerter: email}
                /services/foo/min_3: {children: 3, alerter: email}
                /services/foo/absent: {children: 0}
                """);
        http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void rootNamesTheVersion() {
        assertThat(api.json("/").get("version").asText()).isEqualTo(Version.get());
    }

    @Test
    void statusHasTheSeedShapeWithItsSpellingOfStates() {
        JsonNode status = api.json("/status");

        assertThat(status.get("version").asText()).isEqualTo(Version.get());
        assertThat(status.at("/zookeeper/connected").asBoolean()).isTrue();
        JsonNode compliance = status.at("/monitor/paths");
        assertThat(compliance.get("/services/foo/min_1").get("state").asText()).isEqualTo("OK");
        assertThat(compliance.get("/services/foo/min_1").get("message").asText()).isEqualTo("All checks pass.");
        assertThat(compliance.get("/services/foo/min_3").get("state").asText()).isEqualTo("Error");
        assertThat(compliance.get("/services/foo/min_3").get("message").asText()).isEqualTo("Found children (2) less than minimum (3)");
        assertThat(compliance.get("/services/foo/absent").get("state").asText()).isEqualTo("OK");
        assertThat(status.at("/dispatcher/name").asText()).isNotBlank();
        assertThat(status.at("/dispatcher/alerters")).extracting(JsonNode::asText).containsExactly("email");
        assertThat(status.at("/dispatcher/alerting").asBoolean()).isTrue();
    }

    @Test
    void complianceIsTrueOrWhatIsWrongForEveryPathInTheMonitorsOrder() throws Exception {
        JsonNode monitor = api.json("/status").get("monitor");

        assertThat(monitor).isEqualTo(Api.JSON.readTree("""
                {"alerter": {"alerting": true},
                 "compliance": {
                   "/services/foo/absent": true,
                   "/services/foo/min_1": true,
                   "/services/foo/min_3": "Found children (2) less than minimum (3)"},
                 "paths": {
                   "/services/foo/absent": {"state": "OK", "message": "All checks pass."},
                   "/services/foo/min_1": {"state": "OK", "message": "All checks pass."},
                   "/services/foo/min_3": {"state": "Error", "message": "Found children (2) less than minimum (3)"}}}
                """));
        List<String> order = new ArrayList<>();
        monitor.get("compliance").fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("/services/foo/absent", "/services/foo/min_1", "/services/foo/min_3");
    }

    @Test
    void statusFollowsZooKeeperWithoutAskingIt() throws Exception {
        zk.register("/services/foo/min_3", "c");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.json("/status").at("/monitor/paths").get("/services/foo/min_3").get("state").asText())
                        .isEqualTo("OK"));
    }

    @Test
    void prettyIndentsForPeople() {
        HttpResponse<String> r = api.get("/status?pretty");

        assertThat(r.body()).contains("\n  \"zookeeper\" : {");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void showsTheServerTheClusterAndSelfAlertsNextToTheSeedsKeys() {
        JsonNode status = api.json("/status");

        assertThat(status.at("/zookeeper").has("server")).isTrue();
        assertThat(status.at("/cluster/acl").isNull()).as("a monitor without a cluster has no ACLs to speak of").isTrue();
        assertThat(status.at("/cluster/agents").asInt()).isEqualTo(1);
        assertThat(status.at("/cluster/legacy_sender").isNull()).isTrue();
        assertThat(status.at("/cluster/alerting").asText()).endsWith("sends alerts");
        assertThat(status.get("self_alerts").isArray()).isTrue();
    }

    @Test
    void servesTheOldDaemonsShippedShapeWhenAsked() throws Exception {
        HttpResponse<String> r = api.get("/status?format=zk_monitor-0.1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/json; charset=UTF-8");
        assertThat(r.body()).startsWith("{\n    \"dispatcher\": {\n        \"alerters\": [\n            \"email\"\n        ],");
        JsonNode doc = Api.JSON.readTree(r.body());
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("dispatcher", "monitor", "version", "zookeeper");
        assertThat(doc.at("/monitor")).isEqualTo(Api.JSON.readTree("""
                {"compliance": {
                   "/services/foo/absent": {"message": "All checks pass.", "state": "OK"},
                   "/services/foo/min_1": {"message": "All checks pass.", "state": "OK"},
                   "/services/foo/min_3": {"message": "Found children (2) less than minimum (3)", "state": "Error"}}}
                """));
        assertThat(doc.get("zookeeper")).isEqualTo(Api.JSON.readTree("{\"connected\": true}"));
        assertThat(doc.at("/dispatcher/alerting").asBoolean()).isTrue();
        assertThat(doc.at("/dispatcher/name").asText()).isNotBlank();
    }

    @Test
    void theServersDefaultShapeCanBeTheOldDaemonsAndEachRequestCanStillPick() {
        try (HttpServer old = HttpServer.builder().monitor(monitor).statusFormat(StatusFormat.ZK_MONITOR_0_1)
                .bind("127.0.0.1").port(0).build().start()) {
            Api oldApi = new Api(old);

            assertThat(oldApi.get("/status").headers().firstValue("Content-Type")).hasValue("text/json; charset=UTF-8");
            assertThat(oldApi.json("/status").has("self_alerts")).isFalse();
            assertThat(oldApi.json("/status?format=zkmon").has("self_alerts")).isTrue();
        }
    }

    @Test
    void anUnknownFormatNamesTheValidOnes() throws Exception {
        HttpResponse<String> r = api.get("/status?format=seed");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Api.parse(r).get("message").asText())
                .isEqualTo("'format': unknown status format 'seed'; use zkmon or zk_monitor-0.1");
    }
}
