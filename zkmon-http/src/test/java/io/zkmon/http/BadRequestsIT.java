package io.zkmon.http;

import static io.zkmon.http.PathsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ClusterView;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.testkit.ZooKeeperExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a client sends, the answer is JSON that says what is wrong: never a stack trace, never a secret. */
class BadRequestsIT {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final String ALERTER_SECRET = "xoxb-alerter-SECRET-42";
    private static final String API_TOKEN = "api-TOKEN-SECRET-17";

    private static HttpServer http;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        zk.register("/services/web", "a");
        ZkMonitor monitor = zk.monitor("""
                alerters:
                  chat: {type: secretive, token: "%s", channel: "#ops"}
                /services/web: {children: 2, alerter: chat}
                """.formatted(ALERTER_SECRET));
        http = HttpServer.builder().monitor(monitor).silences(SilenceStore.inMemory()).apiToken(API_TOKEN)
                .bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void anUnknownRouteIs404AndNamesTheEndpoints() {
        assertError(api.get("/nope"), 404, "no such endpoint: /nope; try /, /status, /health, /ready, /metrics");
        assertError(api.get("/status/"), 404, "no such endpoint");
        assertError(api.get("/ui/missing.js"), 404, "the dashboard has no file 'missing.js'");
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() {
        HttpResponse<String> r = api.send("DELETE", "/status", null, null);

        assertError(r, 405, "DELETE is not allowed on /status; use GET, HEAD");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertError(api.send("PUT", "/api/v1/silences", null, "{}".getBytes()), 405, "use GET, HEAD, POST");
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() {
        HttpResponse<String> r = api.send("HEAD", "/health", null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/paths/%C0%AF",                  // overlong UTF-8 for '/'
            "/api/v1/paths/%ff%fe",                  // not UTF-8 at all
            "/api/v1/paths/services/../../etc",      // dot segments
            "/api/v1/paths/%2e%2e/%2e%2e/etc",       // encoded dot segments
            "/api/v1/paths/services%2F..%2Fetc",     // encoded slashes around dots
            "/api/v1/paths/a%00b",                   // NUL
            "/api/v1/paths/a%0d%0aSet-Cookie:%20x",  // header injection attempt
            "/api/v1/silences/..%2F..%2Fx",          // not an id
            "/st%61tus",                             // routes match the path as sent
            "/ui/..%2F..%2Fetc%2Fpasswd",            // no file system behind /ui/
            "/api/v1/paths/\u00fcn\u00ef",           // raw (unescaped) UTF-8 in the request line
    })
    void oddPathEncodingsGetA4xxInJson(String target) throws IOException {
        String raw = api.raw("GET", target.getBytes(StandardCharsets.UTF_8));

        int status = Api.status(raw);
        assertThat(status).as(raw).isBetween(400, 499);
        assertThat(raw.toLowerCase()).contains("content-type: application/json");
        JsonNode body = Api.JSON.readTree(Api.body(raw));
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank();
        assertNoStackTrace(raw);
        assertThat(raw.substring(0, raw.indexOf("\r\n\r\n"))).doesNotContain("Set-Cookie");
    }

    /**
     * A '%' without two hex digits makes the request line invalid HTTP: Undertow's parser refuses it before zkmon
     * sees it, with a bodiless 400 and a closed connection (no hook exists to answer it in JSON). Still a 4xx, still
     * no stack trace.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/paths/%", "/api/v1/paths/%zz", "/api/v1/paths?state=%ZZ"})
    void malformedEscapesAreRefusedByTheHttpParserWithABare400(String target) {
        String raw = api.raw("GET", target);

        assertThat(Api.status(raw)).isEqualTo(400);
        assertThat(Api.body(raw)).isEmpty();
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aVeryLongPathIsStillJson() throws IOException {
        String raw = api.raw("GET", "/api/v1/paths/" + "a".repeat(20_000));

        assertThat(Api.status(raw)).isEqualTo(404);
        assertThat(Api.JSON.readTree(Api.body(raw)).get("message").asText()).endsWith("...' is not watched; GET /api/v1/paths "
                + "lists the watched paths (a glob's matches are listed one by one)");
    }

    @Test
    void aFailingComponentIs500WithoutAStackTrace() throws Exception {
        ClusterView broken = new ClusterView() {
            @Override
            public List<Agent> agents() {
                throw new IllegalStateException("cluster view exploded at io.zkmon.cluster.Secret");
            }

            @Override
            public String leader() {
                return null;
            }

            @Override
            public Instant leaderSince() {
                return null;
            }

            @Override
            public String self() {
                return "me";
            }
        };
        try (HttpServer s = HttpServer.builder().monitor(zk.monitor("/services/web: {children: 1}", b -> b.clusterView(broken)))
                .bind("127.0.0.1").port(0).build().start()) {
            HttpResponse<String> r = new Api(s).get("/api/v1/agents");

            assertError(r, 500, "internal error while serving this request; the server log has the details");
            assertNoStackTrace(r.body());
            assertThat(r.body()).doesNotContain("exploded");
        }
    }

    @Test
    void noResponseShowsAnAlerterSettingOrTheApiToken() {
        String silence = Api.parse(api.post("/api/v1/silences",
                "{\"path\": \"/services/web\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", API_TOKEN))
                .get("id").asText();
        for (String path : List.of("/", "/status", "/health", "/ready", "/metrics", "/api/v1/summary", "/api/v1/paths",
                "/api/v1/paths/services/web", "/api/v1/agents", "/api/v1/silences", "/api/v1/silences/" + silence,
                "/ui/", "/ui/app.js")) {
            HttpResponse<String> r = api.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(ALERTER_SECRET).doesNotContain(API_TOKEN).doesNotContain("#ops");
        }
        assertThat(api.json("/status").at("/dispatcher/alerters")).extracting(JsonNode::asText).containsExactly("chat");
        assertThat(api.post("/api/v1/silences", "{}", "wrong").body()).doesNotContain(API_TOKEN);
    }

    static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
