package io.zkmon.http;

import static io.zkmon.http.PathsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorListener;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.ServerInfo;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the dashboard reads besides the paths: a path's history, the labels, the event feed, and the cluster's health
 * in the summary. A real server on a real ZooKeeper.
 */
class DashboardApiIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SilenceStore store = SilenceStore.inMemory();
    private ZkMonitor monitor;
    private HttpServer http;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        zk.ensure("/services/web/web-1");
        zk.ensure("/services/web/web-2");
        zk.ensure("/services/api/api-1");
        zk.ensure("/services/api/history"); // a znode named "history", watched as a path of its own
        monitor = DashboardIT.start(zk, ZkMonitor.builder().curator(zk.client()).silenceStore(store)
                .alerter("oncall", RecordingAlerter.fresh("dashboard-api-it"))
                .paths(PathSpec.builder("/services/web").minChildren(2).alerters("oncall").cancelTimeout(Duration.ofMinutes(5))
                                .label("team", "frontend").build(),
                        PathSpec.builder("/services/api").minChildren(1).label("team", "backend").label("tier", "1").build(),
                        PathSpec.builder("/services/api/history").mustExist().build()));
        http = HttpServer.builder().monitor(monitor).silences(store).apiToken("t").bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aPathsHistoryHasItsStateChangesTheChildrenThatCameAndWentAndItsChildCountByMinute() throws Exception {
        zk.ensure("/services/web/web-3");
        await().atMost(WAIT).until(() -> monitor.status("/services/web").childCount() == 3);
        zk.delete("/services/web/web-1");
        zk.delete("/services/web/web-2");
        await().atMost(WAIT).until(() -> monitor.status("/services/web").state() == State.ERROR);

        JsonNode h = api.json("/api/v1/paths/%2Fservices%2Fweb/history");

        assertThat(h.get("path").asText()).isEqualTo("/services/web");
        assertThat(h.get("child_count").asInt()).isEqualTo(1);
        assertThat(h.at("/last_added/names")).extracting(JsonNode::asText).containsExactly("web-3");
        assertThat(h.at("/last_added/count").asInt()).isEqualTo(1);
        assertThat(h.at("/last_removed/names")).extracting(JsonNode::asText).containsAnyOf("web-1", "web-2");
        JsonNode counts = h.get("child_counts");
        assertThat(counts.get("window_minutes").asInt()).isEqualTo(CountSeries.WINDOW_MINUTES);
        assertThat(counts.get("before").asInt()).isEqualTo(2);
        JsonNode last = counts.get("points").get(counts.get("points").size() - 1);
        assertThat(last.get("last").asInt()).isEqualTo(1);
        assertThat(last.get("max").asInt()).isEqualTo(3);
        assertThat(Instant.parse(counts.get("from").asText())).isBeforeOrEqualTo(Instant.parse(h.get("now").asText()));
        assertThat(h.get("transitions")).hasSize(1);
        assertThat(h.at("/transitions/0/to").asText()).isEqualTo("Error");
        assertThat(h.at("/transitions/0/child_count").asInt()).isEqualTo(1);

        // the same, with the path's slashes as they are
        assertThat(api.json("/api/v1/paths/services/web/history").get("path").asText()).isEqualTo("/services/web");
    }

    @Test
    void aZnodeNamedHistoryIsAPathUnlessThePathIsEncodedAsOneSegment() {
        assertThat(api.json("/api/v1/paths/services/api/history").get("path").asText()).isEqualTo("/services/api/history");
        assertThat(api.json("/api/v1/paths/services/api/history").has("spec")).isTrue();
        assertThat(api.json("/api/v1/paths/%2Fservices%2Fapi/history").get("child_counts")).isNotNull();
        assertThat(api.json("/api/v1/paths/%2Fservices%2Fapi/history").get("path").asText()).isEqualTo("/services/api");
        assertError(api.get("/api/v1/paths/%2Fservices%2Fnope/history"), 404, "path '/services/nope' is not watched");
        assertError(api.get("/api/v1/paths/services/web/history?x=1"), 400, "unknown query parameter 'x'");
    }

    @Test
    void aQuietPathsHistoryIsItsCurrentCountThroughout() {
        JsonNode h = api.json("/api/v1/paths/%2Fservices%2Fapi/history");

        assertThat(h.get("last_added").isNull()).isTrue();
        assertThat(h.get("last_removed").isNull()).isTrue();
        assertThat(h.at("/child_counts/before").asInt()).isEqualTo(2); // api-1 and history
        assertThat(h.at("/child_counts/points")).isEmpty();
        assertThat(h.get("transitions")).isEmpty();
    }

    @Test
    void onePathShowsItsLabelsSeverityAndWhenItsGracePeriodEnds() throws Exception {
        zk.delete("/services/web/web-1");
        await().atMost(WAIT).until(() -> !api.json("/api/v1/paths/services/web").get("alert").isNull());

        JsonNode p = api.json("/api/v1/paths/services/web");

        assertThat(p.at("/spec/labels/team").asText()).isEqualTo("frontend");
        assertThat(p.at("/spec/severity").asText()).isEqualTo("warning");
        Instant pending = Instant.parse(p.at("/alert/pending_since").asText());
        assertThat(Instant.parse(p.at("/alert/grace_ends_at").asText())).isEqualTo(pending.plus(Duration.ofMinutes(5)));
    }

    @Test
    void listsTheLabelsAndFiltersPathsByOne() {
        JsonNode labels = api.json("/api/v1/labels");
        assertThat(labels.at("/labels/team")).extracting(JsonNode::asText).containsExactly("backend", "frontend");
        assertThat(labels.at("/labels/tier")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(labels.get("truncated").asBoolean()).isFalse();

        JsonNode backend = api.json("/api/v1/paths?label=team%3Dbackend");
        assertThat(backend.get("paths")).extracting(n -> n.get("path").asText()).containsExactly("/services/api");
        assertThat(backend.get("matched").asInt()).isEqualTo(1);
        assertThat(backend.at("/counts/OK").asInt()).isEqualTo(1);
        assertThat(api.json("/api/v1/paths?label=tier").get("matched").asInt()).isEqualTo(1);
        assertThat(api.json("/api/v1/paths?label=team").get("matched").asInt()).isEqualTo(2);
        assertThat(api.json("/api/v1/paths?label=team%3Dnobody").get("matched").asInt()).isZero();
    }

    @Test
    void theEventFeedSaysWhenThePathsOrTheSilencesChanged() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = stream.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException e) {
                lines.add("closed: " + e.getMessage()); // the test closed the stream
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String first = nextData(lines, "change");
            long generation = Api.JSON.readTree(first).get("generation").asLong();

            zk.delete("/services/web/web-2");

            String second = nextData(lines, "change");
            assertThat(Api.JSON.readTree(second).get("generation").asLong()).isGreaterThan(generation);

            api.post("/api/v1/silences", "{\"path\": \"/services/*\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "t");
            String third = nextData(lines, "change");
            assertThat(Api.JSON.readTree(third).get("silences").asText()).isNotEqualTo(Api.JSON.readTree(second).get("silences").asText());
        } finally {
            r.body().close();
        }
        assertThat(api.get("/api/v1/events?x=1").statusCode()).isEqualTo(400);
        HttpResponse<String> head = api.send("HEAD", "/api/v1/events", null, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/events", null, new byte[0]).statusCode()).isEqualTo(405);
    }

    /** The data of the next event of this type, skipping others (pings) and comments. */
    private static String nextData(BlockingQueue<String> lines, String event) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String current = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                current = line.substring(6).trim();
            } else if (line.startsWith("data:") && event.equals(current)) {
                return line.substring(5).trim();
            } else if (line.isEmpty()) {
                current = null;
            }
        }
        throw new AssertionError("no '" + event + "' event within " + WAIT);
    }

    @Test
    void theSummaryTellsWhoSendsTheServerAndSelfAlerts() throws Exception {
        JsonNode plain = api.json("/api/v1/summary");
        assertThat(plain.get("legacy_sender").isNull()).isTrue();
        assertThat(plain.get("self_alerts")).isEmpty();
        assertThat(plain.get("mutations").asBoolean()).isTrue();
        assertThat(plain.at("/zookeeper/server").isNull() || plain.at("/zookeeper/server").has("mode")).isTrue();

        Instant since = Instant.parse("2026-11-30T10:00:00Z");
        MonitorView view = new HealthView(monitor, since);
        try (HttpServer other = HttpServer.builder().monitor(view).bind("127.0.0.1").port(0).build().start()) {
            Api a = new Api(other);
            JsonNode s = a.json("/api/v1/summary");

            assertThat(s.get("legacy_sender").asText()).isEqualTo("zk-old-1");
            assertThat(s.at("/zookeeper/server/version").asText()).isEqualTo("3.4.14");
            assertThat(s.at("/zookeeper/server/mode").asText()).isEqualTo("one-shot");
            assertThat(s.at("/self_alerts/0/alert").asText()).isEqualTo("ZkmonUnreadablePaths");
            assertThat(s.at("/self_alerts/0/firing").asBoolean()).isTrue();
            assertThat(s.at("/self_alerts/0/since").asText()).isEqualTo(since.toString());
            assertThat(s.get("mutations").asBoolean()).isFalse();
            assertThat(a.json("/api/v1/agents").get("legacy_sender").asText()).isEqualTo("zk-old-1");
        }
    }

    /** A monitor seen through a view that adds what the cluster and self-watch report: the old daemon's lock, a self-alert. */
    static final class HealthView implements MonitorView {
        private final MonitorView monitor;
        private final Instant since;

        HealthView(MonitorView monitor, Instant since) {
            this.monitor = monitor;
            this.since = since;
        }

        @Override
        public String agentName() {
            return monitor.agentName();
        }

        @Override
        public String clusterName() {
            return monitor.clusterName();
        }

        @Override
        public MonitorStatus status() {
            return monitor.status();
        }

        @Override
        public long generation() {
            return monitor.generation();
        }

        @Override
        public Optional<ServerInfo> server() {
            return Optional.of(new ServerInfo("3.4.14", ServerInfo.WatchMode.ONE_SHOT));
        }

        @Override
        public List<SelfAlert> selfAlerts() {
            return List.of(new SelfAlert(SelfAlert.Kind.UNREADABLE_PATHS, "2 watched paths stay Unknown: no read permission",
                    since, true));
        }

        @Override
        public Optional<ClusterView> cluster() {
            ClusterView.Agent self = new ClusterView.Agent(agentName(), "host-a", 42, "0.1.0", since, 8080);
            return Optional.of(new ClusterView() {
                @Override
                public List<Agent> agents() {
                    return List.of(self);
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
                    return self.name();
                }

                @Override
                public String legacySender() {
                    return "zk-old-1";
                }
            });
        }

        @Override
        public void addListener(MonitorListener listener) {
            monitor.addListener(listener);
        }

        @Override
        public void removeListener(MonitorListener listener) {
            monitor.removeListener(listener);
        }
    }
}
