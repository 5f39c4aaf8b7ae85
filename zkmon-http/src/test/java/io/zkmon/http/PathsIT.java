package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/paths}: listings with filters and pages, and one path in full. */
class PathsIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private RecordingAlerter alerts;
    private ZkMonitor monitor;
    private HttpServer http;
    private Api api;
    private ServiceInstance webA;

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        alerts = RecordingAlerter.fresh("paths-it");
        webA = zk.register("/services/web", "a");
        zk.register("/services/api", "a");
        zk.register("/services/api", "b");
        zk.register("/services/ünï", "a");
        monitor = zk.monitor("""
                alerters:
                  oncall: {type: recording, name: paths-it}
                /services/web: {children: 1, alerter: oncall}
                /services/api: {children: 3, alerter: oncall}
                /services/ünï: {children: 1}
                /services/db: {exists: false}
                """);
        http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void listsEveryPathSortedWithCountsPerState() {
        JsonNode list = api.json("/api/v1/paths");

        assertThat(list.get("total").asInt()).isEqualTo(4);
        assertThat(list.get("matched").asInt()).isEqualTo(4);
        assertThat(list.at("/counts/OK").asInt()).isEqualTo(3);
        assertThat(list.at("/counts/Error").asInt()).isEqualTo(1);
        assertThat(list.at("/counts/Unknown").asInt()).isZero();
        assertThat(list.get("paths")).extracting(p -> p.get("path").asText())
                .containsExactly("/services/api", "/services/db", "/services/web", "/services/ünï");
        JsonNode api1 = list.get("paths").get(0);
        assertThat(api1.get("state").asText()).isEqualTo("Error");
        assertThat(api1.get("message").asText()).isEqualTo("Found children (2) less than minimum (3)");
        assertThat(api1.get("child_count").asInt()).isEqualTo(2);
        assertThat(api1.get("exists").asBoolean()).isTrue();
        assertThat(api1.get("since").asText()).isNotBlank();
    }

    @Test
    void filtersByStateInAnyCaseAndByText() {
        assertThat(api.json("/api/v1/paths?state=error").get("paths"))
                .extracting(p -> p.get("path").asText()).containsExactly("/services/api");
        assertThat(api.json("/api/v1/paths?state=Error,UNKNOWN").get("matched").asInt()).isEqualTo(1);
        JsonNode web = api.json("/api/v1/paths?q=WEB");
        assertThat(web.get("paths")).extracting(p -> p.get("path").asText()).containsExactly("/services/web");
        assertThat(web.at("/counts/OK").asInt()).isEqualTo(1);
        assertThat(api.json("/api/v1/paths?q=%C3%BCn%C3%AF").get("matched").asInt()).isEqualTo(1);
    }

    @Test
    void pagesWithOffsetAndLimitWhileCountingEveryMatch() {
        JsonNode page = api.json("/api/v1/paths?offset=1&limit=2");

        assertThat(page.get("matched").asInt()).isEqualTo(4);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("paths")).extracting(p -> p.get("path").asText()).containsExactly("/services/db", "/services/web");
        assertThat(api.json("/api/v1/paths?limit=0").get("paths")).isEmpty();
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("next_offset").asInt()).isEqualTo(3);
    }

    @Test
    void aListingWithoutALimitIsOneFirstPageOfAHundred() {
        JsonNode page = api.json("/api/v1/paths");

        assertThat(page.get("limit").asInt()).isEqualTo(100);
        assertThat(page.get("next_offset").isNull()).as("four paths fit in the first page").isTrue();
    }

    @Test
    void showsEachPathsSeverityAndLabels() {
        JsonNode web = api.json("/api/v1/paths?q=web").get("paths").get(0);

        assertThat(web.get("severity").asText()).isEqualTo("warning");
        assertThat(web.get("labels").isObject()).isTrue();
        assertThat(api.json("/api/v1/paths/services/web").get("annotations").isObject()).isTrue();
    }

    @Test
    void refusesFiltersItDoesNotUnderstand() {
        assertError(api.get("/api/v1/paths?state=eror"), 400, "unknown state 'eror'; use ok, error, unknown");
        assertError(api.get("/api/v1/paths?limit=-1"), 400, "'limit' must be a whole number of 0 or more");
        assertError(api.get("/api/v1/paths?offset=ten"), 400, "'offset' must be a whole number");
        assertError(api.get("/api/v1/paths?sate=error"), 400, "unknown query parameter 'sate'");
    }

    @Test
    void showsOnePathInFullWithSpecChildrenAndAlerts() throws Exception {
        alerts.awaitFiring("/services/api", Duration.ofSeconds(10));

        JsonNode p = await().atMost(Duration.ofSeconds(10)).until(() -> api.json("/api/v1/paths/services/api"),
                n -> n.at("/alert/deliveries").size() > 0);

        assertThat(p.get("path").asText()).isEqualTo("/services/api");
        assertThat(p.get("state").asText()).isEqualTo("Error");
        assertThat(p.get("children")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(p.at("/spec/rules/0/type").asText()).isEqualTo("children");
        assertThat(p.at("/spec/rules/0/min").asInt()).isEqualTo(3);
        assertThat(p.at("/spec/alerters")).extracting(JsonNode::asText).containsExactly("oncall");
        assertThat(p.at("/spec/cancel_timeout").asText()).isEqualTo("0s");
        assertThat(p.at("/alert/notified").asBoolean()).isTrue();
        JsonNode delivery = p.at("/alert/deliveries/0");
        assertThat(delivery.get("alerter").asText()).isEqualTo("oncall");
        assertThat(delivery.get("kind").asText()).isEqualTo("firing");
        assertThat(delivery.get("outcome").asText()).isEqualTo("sent");
        assertThat(p.get("silences")).isEmpty();
    }

    @Test
    void remembersRecentStateChangesOldestFirst() throws Exception {
        webA.crash();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/paths/services/web").get("state").asText().equals("Error"));
        zk.register("/services/web", "b");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/paths/services/web").get("state").asText().equals("OK"));

        JsonNode transitions = api.json("/api/v1/paths/services/web").get("transitions");
        assertThat(transitions).extracting(t -> t.get("from").asText() + "->" + t.get("to").asText())
                .containsExactly("OK->Error", "Error->OK");
        assertThat(transitions.get(0).get("message").asText()).isEqualTo("Found children (0) less than minimum (1)");
        assertThat(transitions.get(0).get("child_count").asInt()).isZero();
        JsonNode listed = api.json("/api/v1/paths?q=/services/web").get("paths").get(0);
        assertThat(listed.get("transitions")).hasSize(2);
    }

    @Test
    void acceptsThePathPlainOrPercentEncoded() {
        for (String form : new String[] {"services/api", "%2Fservices%2Fapi", "services%2Fapi", "%2fservices/api"}) {
            assertThat(api.json("/api/v1/paths/" + form).get("path").asText()).as(form).isEqualTo("/services/api");
        }
        assertThat(api.json("/api/v1/paths/services/%C3%BCn%C3%AF").get("path").asText()).isEqualTo("/services/ünï");
        String raw = api.raw("GET", "/api/v1/paths/services/ünï".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Api.status(raw)).as(raw).isEqualTo(200);
        assertThat(Api.body(raw)).contains("\"path\":\"/services/ünï\"");
    }

    @Test
    void answers404ForAPathItDoesNotWatchAnd400ForOneThatCannotExist() {
        assertError(api.get("/api/v1/paths/services/nope"), 404, "path '/services/nope' is not watched");
        assertError(api.get("/api/v1/paths/services/../api"), 400, "must not contain '.' or '..' segments");
        assertError(api.get("/api/v1/paths/services//api"), 400, "must not have an empty segment");
        assertError(api.get("/api/v1/paths/services/api%00"), 400, "contains a control character");
        assertError(api.get("/api/v1/paths/"), 404, "give a path");
    }

    static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = Api.parse(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(message);
    }
}
