package io.zkmon.http;

import static io.zkmon.http.PathsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ZkMonitor;
import io.zkmon.testkit.ZooKeeperExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /health} answers while the process runs; {@code /ready} only while ZooKeeper is connected and read. */
class ReadinessIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    @Test
    void readyWhilePrimedAndUnreadyWithTheReasonWhileZooKeeperIsAway() throws Exception {
        zk.register("/services/web", "a");
        ZkMonitor monitor = zk.monitor("/services/web: {children: 1}");
        try (HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            Api api = new Api(http);
            JsonNode ready = api.json("/ready");
            assertThat(ready.get("ready").asBoolean()).isTrue();
            assertThat(ready.get("connected").asBoolean()).isTrue();
            assertThat(ready.get("primed").asBoolean()).isTrue();

            zk.stop();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertError(api.get("/ready"), 503, "not connected to ZooKeeper (since "));
            JsonNode unready = Api.parse(api.get("/ready"));
            assertThat(unready.get("message").asText()).startsWith("not connected to ZooKeeper");
            assertThat(api.json("/health").get("status").asText()).isEqualTo("up");
            JsonNode status = api.json("/status");
            assertThat(status.at("/zookeeper/connected").asBoolean()).isFalse();
            assertThat(status.at("/monitor/paths").get("/services/web").get("state").asText()).isEqualTo("Unknown");
            assertThat(api.get("/metrics").body()).contains("zkmon_zookeeper_connected 0.0")
                    .doesNotContain("zkmon_path_in_spec{path=\"/services/web\"}");

            zk.start();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get("/ready").statusCode()).isEqualTo(200));
            assertThat(api.json("/status").at("/monitor/paths").get("/services/web").get("state").asText()).isEqualTo("OK");
        }
    }

    @Test
    void notReadyWhileTheMonitorHasNeverConnected() throws Exception {
        try (ZkMonitor monitor = ZkMonitor.builder().connectString("127.0.0.1:1").sessionTimeout(Duration.ofSeconds(5))
                .configYaml("/services/web: {children: 1}").build().start();
             HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            Api api = new Api(http);

            HttpResponse<String> r = api.get("/ready");

            assertError(r, 503, "not connected to ZooKeeper");
            assertThat(Api.parse(r).get("ready").asBoolean()).isFalse();
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
            JsonNode status = api.json("/status");
            assertThat(status.at("/monitor/paths").get("/services/web").get("state").asText()).isEqualTo("Unknown");
            assertThat(status.at("/monitor/compliance").get("/services/web").asText()).startsWith("No information: ");
            assertThat(api.get("/metrics").body()).contains("zkmon_paths{state=\"unknown\"} 1.0")
                    .doesNotContain("zkmon_path_in_spec{path=\"/services/web\"}");
        }
    }
}
