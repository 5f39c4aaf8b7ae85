package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ClusterView;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's lifecycle: bind, serve, report its port and cluster, close and free the port. */
class HttpServerIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static ZkMonitor monitor;

    @BeforeAll
    static void monitor() throws Exception {
        zk.register("/services/web", "a");
        monitor = zk.monitor("/services/web: {children: 1}");
    }

    @Test
    void servesOnAnEphemeralPortAndFreesItWhenClosed() throws Exception {
        HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        int port = http.port();
        assertThat(port).isPositive();
        assertThat(http.start()).isSameAs(http);
        assertThat(new Api(http).get("/health").statusCode()).isEqualTo(200);

        http.close();
        http.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(http::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void saysWhyItCannotBind() throws Exception {
        try (HttpServer first = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            HttpServer second = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(first.port()).build();

            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot serve HTTP on 127.0.0.1:" + first.port() + ": ")
                    .hasMessageContaining("in use");
            assertThat(new Api(first).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void describesThisAgentAloneByDefault() throws IOException {
        try (HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            JsonNode agents = new Api(http).json("/api/v1/agents");

            assertThat(agents.get("cluster").asText()).isEqualTo(monitor.clusterName());
            assertThat(agents.get("self").asText()).isEqualTo(monitor.agentName());
            assertThat(agents.get("leader").asText()).isEqualTo(monitor.agentName());
            JsonNode me = agents.get("agents").get(0);
            assertThat(me.get("name").asText()).isEqualTo(monitor.agentName());
            assertThat(me.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(me.get("http_port").asInt()).isEqualTo(http.port());
            assertThat(me.get("leader").asBoolean()).isTrue();
            assertThat(me.get("self").asBoolean()).isTrue();
        }
    }

    @Test
    void showsTheClusterViewItIsGiven() throws Exception {
        Instant t = Instant.parse("2025-01-02T03:04:05Z");
        ClusterView view = new ClusterView() {
            @Override
            public List<Agent> agents() {
                return List.of(new Agent("a-1", "host-a", 11, "0.1.0", t, 8080), new Agent("b-2", "host-b", 22, "0.1.0", t, 8081));
            }

            @Override
            public String leader() {
                return "b-2";
            }

            @Override
            public Instant leaderSince() {
                return t;
            }

            @Override
            public String self() {
                return "a-1";
            }
        };
        ZkMonitor clustered = zk.monitor("/services/web: {children: 1}", b -> b.clusterView(view));
        try (HttpServer http = HttpServer.builder().monitor(clustered).bind("127.0.0.1").port(0).build().start()) {
            Api api = new Api(http);
            JsonNode agents = api.json("/api/v1/agents");

            assertThat(agents.get("leader").asText()).isEqualTo("b-2");
            assertThat(agents.get("leader_since").asText()).isEqualTo("2025-01-02T03:04:05Z");
            assertThat(agents.get("agents")).extracting(a -> a.get("name").asText() + ":" + a.get("leader").asBoolean() + ":"
                    + a.get("self").asBoolean()).containsExactly("a-1:false:true", "b-2:true:false");
            assertThat(api.json("/api/v1/summary").get("leader").asText()).isEqualTo("b-2");
        }
    }

    @Test
    void servesTheDashboardFilesWithAPolicyThatForbidsOtherOrigins() {
        try (HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            Api api = new Api(http);

            var page = api.get("/ui/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("connect-src 'self'"));
            assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("http://").doesNotContain("https://");
            assertThat(api.get("/ui/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(api.get("/ui/details.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(api.get("/ui/app.css").statusCode()).isEqualTo(200);
            var bare = api.get("/ui");
            assertThat(bare.statusCode()).isEqualTo(308);
            assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");
        }
    }
}
