package io.zkmon.http;

import static io.zkmon.http.PathsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/silences}: reads are open, changes need the API token, and the dispatcher obeys what is stored. */
class SilencesIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final String TOKEN = "correct-horse-battery-staple";
    private static final String BODY = """
            {"path": "/services/*", "duration": "1h", "comment": "deploying web", "author": "alice"}""";

    private final SilenceStore store = SilenceStore.inMemory();
    private RecordingAlerter alerts;
    private ServiceInstance web;
    private HttpServer http;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        alerts = RecordingAlerter.fresh("silences-it");
        web = zk.register("/services/web", "a");
        ZkMonitor monitor = zk.monitor("""
                alerters:
                  oncall: {type: recording, name: silences-it}
                /services/web: {children: 1, alerter: oncall}
                """, b -> b.silenceStore(store));
        http = HttpServer.builder().monitor(monitor).silences(store).apiToken(TOKEN).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void createsListsShowsAndDeletesASilenceWithTheToken() {
        HttpResponse<String> created = api.post("/api/v1/silences", BODY, TOKEN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode silence = Api.parse(created);
        String id = silence.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/silences/" + id);
        assertThat(silence.get("pattern").asText()).isEqualTo("/services/*");
        assertThat(silence.get("comment").asText()).isEqualTo("deploying web");
        assertThat(silence.get("author").asText()).isEqualTo("alice");
        assertThat(silence.get("active").asBoolean()).isTrue();
        assertThat(Duration.between(Instant.parse(silence.get("created_at").asText()), Instant.parse(silence.get("until").asText())))
                .isEqualTo(Duration.ofHours(1));
        assertThat(store.list()).extracting(s -> s.id()).containsExactly(id);

        assertThat(api.json("/api/v1/silences").get("silences")).extracting(s -> s.get("id").asText()).containsExactly(id);
        assertThat(api.json("/api/v1/silences/" + id).get("pattern").asText()).isEqualTo("/services/*");

        HttpResponse<String> deleted = api.delete("/api/v1/silences/" + id, TOKEN);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(store.list()).isEmpty();
        assertError(api.delete("/api/v1/silences/" + id, TOKEN), 404, "no silence with id");
    }

    @Test
    void theDispatcherHoldsAlertsWhileSilencedAndSendsWhenTheSilenceGoes() throws Exception {
        String id = Api.parse(api.post("/api/v1/silences", BODY, TOKEN)).get("id").asText();

        web.crash();

        JsonNode p = await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/paths/services/web"),
                n -> !n.at("/alert/silenced_until").isMissingNode() && !n.at("/alert/silenced_until").isNull());
        assertThat(p.get("state").asText()).isEqualTo("Error");
        assertThat(p.get("silences")).extracting(s -> s.get("id").asText()).containsExactly(id);
        assertThat(api.json("/api/v1/paths?state=error").at("/paths/0/silenced_until").asText()).isNotEmpty();
        assertThat(alerts.notifications("/services/web")).isEmpty();

        assertThat(api.delete("/api/v1/silences/" + id, TOKEN).statusCode()).isEqualTo(204);

        alerts.awaitFiring("/services/web", Duration.ofSeconds(20));
    }

    @Test
    void refusesChangesWithoutTheRightToken() {
        HttpResponse<String> missing = api.post("/api/v1/silences", BODY, null);
        assertError(missing, 401, "send the API token as 'Authorization: Bearer <token>'");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"zkmon\"");
        assertError(api.post("/api/v1/silences", BODY, "wrong"), 401, "the API token is not valid");
        assertError(api.post("/api/v1/silences", BODY, TOKEN + "x"), 401, "the API token is not valid");
        assertError(api.send("POST", "/api/v1/silences", "Basic " + TOKEN, BODY.getBytes()), 401, "must be 'Bearer <token>'");
        assertError(api.delete("/api/v1/silences/some-id", null), 401, "Authorization: Bearer");
        assertThat(store.list()).isEmpty();
        assertThat(api.get("/api/v1/silences").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesEveryChangeWhenNoTokenIsConfigured() throws Exception {
        try (HttpServer open = HttpServer.builder().monitor(zk.monitor("/services/web: {children: 1}")).silences(store)
                .bind("127.0.0.1").port(0).build().start()) {
            Api noToken = new Api(open);

            assertError(noToken.post("/api/v1/silences", BODY, null), 403, "no API token is configured");
            assertError(noToken.post("/api/v1/silences", BODY, "anything"), 403, "--api_token or the environment variable ZKMON_API_TOKEN");
            assertError(noToken.delete("/api/v1/silences/x", "anything"), 403, "changing silences is disabled");
            assertThat(noToken.json("/api/v1/silences").get("silences")).isEmpty();
        }
    }

    @Test
    void explainsWhatIsWrongWithABody() {
        assertError(api.post("/api/v1/silences", "{\"path\": ", TOKEN), 400, "malformed JSON at line 1");
        assertError(api.post("/api/v1/silences", "[1]", TOKEN), 400, "the body must be a JSON object");
        assertError(api.post("/api/v1/silences", "", TOKEN), 400, "the body is empty");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"duration\": \"1h\", \"author\": \"a\"}", TOKEN),
                400, "'comment' is required");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"duration\": \"1h\", \"until\": \"2999-01-01T00:00:00Z\", "
                + "\"comment\": \"c\", \"author\": \"a\"}", TOKEN), 400, "give exactly one of 'until'");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"until\": \"2001-01-01T00:00:00Z\", "
                + "\"comment\": \"c\", \"author\": \"a\"}", TOKEN), 400, "is not in the future");
        assertError(api.post("/api/v1/silences", "{\"path\": \"services\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}",
                TOKEN), 400, "'path': path 'services' must start with '/'");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"duraton\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}",
                TOKEN), 400, "unknown field(s) duraton");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"duration\": \"soon\", \"comment\": \"c\", \"author\": \"a\"}",
                TOKEN), 400, "'soon' is not a duration");
        assertError(api.post("/api/v1/silences", "{\"path\": \"/a\", \"path\": \"/b\", \"duration\": 60, \"comment\": \"c\", "
                + "\"author\": \"a\"}", TOKEN), 400, "Duplicate field 'path'");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesABodyOver64KbWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String big = "{\"path\": \"/a\", \"duration\": \"1h\", \"author\": \"a\", \"comment\": \"" + "x".repeat(70_000) + "\"}";

        assertError(api.post("/api/v1/silences", big, TOKEN), 413, "larger than 64 KB");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/silences"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertError(r, 413, "larger than 64 KB");
        assertThat(store.list()).isEmpty();
    }
}
