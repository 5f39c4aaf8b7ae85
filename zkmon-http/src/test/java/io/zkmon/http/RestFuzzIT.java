package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random requests (methods, targets with odd encodings, tokens, bodies from valid to hostile) against a real
 * server: never a 5xx, never a stack trace, and every answer the server writes itself is JSON. Each run prints nothing
 * on success and its seed and request on failure.
 */
class RestFuzzIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final String TOKEN = "fuzz-TOKEN-31";
    private static final int REQUESTS_PER_SEED = 300;
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "BREW"};
    private static final String[] ROUTES = {"/", "/status", "/health", "/ready", "/metrics", "/api/v1/summary", "/api/v1/paths",
        "/api/v1/paths/", "/api/v1/paths/services/web", "/api/v1/paths/%2Fservices%2Fweb", "/api/v1/agents", "/api/v1/silences",
        "/api/v1/silences/", "/api/v1/silences/nope", "/ui", "/ui/", "/ui/app.js", "/ui/../../etc/passwd", "/api/v2", "/STATUS"};
    private static final String[] TAILS = {"", "/", "/..", "/%2e%2e", "/%2F", "/%00", "/%C0%AF", "/ü", "/%E2%82%AC", "/a/b/c", "//x",
        "?state=error", "?state=", "?limit=-1", "?limit=99999999999", "?offset=x", "?q=%F0%9F%92%A5", "?pretty", "?pretty=false&q=",
        "/" + "x".repeat(3000), "?a=" + "y".repeat(3000), ";jsessionid=1", "#frag"};
    private static final String[] BODIES = {"", "{}", "[]", "null", "{\"path\": \"/services/*\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}",
        "{\"path\": \"/x\", \"until\": \"2999-01-01T00:00:00Z\", \"comment\": \"c\", \"author\": \"a\"}",
        "{\"path\": 7}", "{\"path\": \"relative\", \"duration\": \"soon\"}", "{\"path\": \"/x\", \"duration\": \"-1h\", \"comment\": \"c\", \"author\": \"a\"}",
        "{\"path\": \"/x\", \"duration\": \"1h\", \"until\": \"2999-01-01T00:00:00Z\"}", "{\"a\":", "{\"a\": \"\\ud800\"}", "\u0000\u0001\u0002",
        "{" + "\"a\":[".repeat(2000) + "]".repeat(2000) + "}"};

    private static HttpServer http;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        zk.register("/services/web", "a");
        ZkMonitor monitor = zk.monitor("/services/web: {children: 2}\n/services/api: {children: 1}\n");
        http = HttpServer.builder().monitor(monitor).silences(SilenceStore.inMemory()).apiToken(TOKEN).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 1_000_003L, 20261125L})
    void randomRequestsNeverBreakTheServer(long seed) {
        Random rnd = new Random(seed);
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (int i = 0; i < REQUESTS_PER_SEED; i++) {
            String method = METHODS[rnd.nextInt(METHODS.length)];
            String target = ROUTES[rnd.nextInt(ROUTES.length)] + (rnd.nextInt(3) == 0 ? TAILS[rnd.nextInt(TAILS.length)] : "");
            if (i % 25 == 0) {
                method = "POST";
                target = "/api/v1/silences"; // often enough to reach the body checks, with any of the bodies below
            }
            String auth = switch (rnd.nextInt(4)) {
                case 0 -> null;
                case 1 -> "Bearer " + TOKEN;
                case 2 -> "Bearer " + TOKEN.substring(1);
                default -> "Basic " + "z".repeat(rnd.nextInt(40));
            };
            byte[] body = i % 50 == 0 ? new byte[70 * 1024] : body(rnd);
            if (i % 50 == 0) {
                auth = "Bearer " + TOKEN; // an authorized oversized body: the size limit itself must answer
            }
            String label = "seed " + seed + ", request " + i + ": " + method + " " + abbreviate(target) + " (" + body.length + " body bytes)";
            java.net.http.HttpResponse<String> r;
            try {
                r = api.send(method.equals("BREW") || method.equals("TRACE") ? "GET" : method, target, auth, body);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // java.net.http refuses some targets itself: send those bytes raw instead
                String raw = api.raw(method, target);
                int status = Api.status(raw);
                assertThat(status).as(label + "\n" + raw).isBetween(200, 499);
                assertThat(raw).as(label).doesNotContain("Exception").doesNotContain("\tat ");
                statuses.add(status);
                continue;
            } catch (java.io.UncheckedIOException e) {
                throw new AssertionError(label + ": no answer", e);
            }
            assertThat(r.statusCode()).as(label + "\n" + r.body()).isBetween(200, 499);
            statuses.add(r.statusCode());
            String text = r.body();
            assertThat(text).as(label).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(TOKEN);
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!text.isEmpty() && r.statusCode() >= 400) {
                assertThat(type).as(label + "\n" + text).startsWith("application/json");
                assertThat(Api.parse(r).path("status").asInt()).as(label).isEqualTo(r.statusCode());
            }
        }
        // the grammar must reach the interesting answers, or this test proves little
        assertThat(statuses).as("statuses seen with seed " + seed).contains(200, 400, 401, 404, 405, 413);
    }

    private static byte[] body(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] junk = new byte[rnd.nextInt(200)];
                rnd.nextBytes(junk);
                yield junk;
            }
            case 2 -> new byte[70 * 1024 + rnd.nextInt(1000)];
            default -> BODIES[rnd.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
