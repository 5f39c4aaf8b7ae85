package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that stop reading an answer, or send a request body one byte at a time, cost a connection each and nothing
 * more: the liveness probe and the metrics keep answering within a second, and the server still stops within the
 * daemon's stop budget.
 */
class SlowClientsIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    /** Enough long path names that {@code /status} (about 6 MB) is far more than the sockets buffer. */
    private static final int PATHS = 12_000;
    private static final int STALLED = 32;
    private static final int TRICKLING = 32;
    /** The daemon's whole stop budget ({@code Shutdown.BUDGET} in zkmon-cli). */
    private static final Duration STOP_BUDGET = Duration.ofSeconds(5);

    private static ZkMonitor monitor;
    private final List<Socket> attackers = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private HttpServer http;

    @BeforeAll
    static void manyLongPaths() throws Exception {
        CuratorFramework c = zk.client();
        zk.ensure("/slow");
        String padding = "x".repeat(220);
        List<CuratorOp> batch = new ArrayList<>();
        for (int i = 0; i < PATHS; i++) {
            if (i % 100 == 0) {
                batch.add(c.transactionOp().create().forPath(String.format("/slow/g%03d", i / 100)));
            }
            // a hundred per parent: a child list stays far below ZooKeeper's 1 MB reply limit
            batch.add(c.transactionOp().create().forPath(String.format("/slow/g%03d/%s-%05d", i / 100, padding, i)));
            if (batch.size() == 500) {
                c.transaction().forOperations(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            c.transaction().forOperations(batch);
        }
        monitor = zk.monitor("/slow/*/*: {children: 0}");
    }

    @AfterEach
    void cleanUp() {
        trickle.shutdownNow();
        for (Socket s : attackers) {
            try {
                s.close();
            } catch (IOException e) {
                // the server may have closed it first
            }
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void stalledReadersAndTricklingWritersLeaveHealthAndMetricsAnswering() throws Exception {
        http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        HttpClient client = HttpClient.newHttpClient();
        assertThat(get(client, "/status", Duration.ofSeconds(60)).statusCode()).isEqualTo(200);
        // warm: what is measured below is what the attackers cost, not a first scrape's class loading
        assertThat(get(client, "/metrics", Duration.ofSeconds(60)).statusCode()).isEqualTo(200);

        for (int i = 0; i < TRICKLING; i++) {
            Socket s = connect();
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/silences HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer nope\r\nContent-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle.scheduleWithFixedDelay(() -> {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("closed", e); // the server cut it off: stop trickling
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < STALLED; i++) {
            Socket s = connect();
            s.getOutputStream().write("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush(); // and never reads the answer
        }

        for (int round = 0; round < 3; round++) {
            HttpResponse<String> health = withinASecond(client, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = withinASecond(client, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("zkmon_watched_paths " + PATHS + ".0");
        }

        HttpServer stopping = http;
        http = null;
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
        stopped.get(STOP_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", http.port()), 5_000);
        attackers.add(s);
        return s;
    }

    /**
     * A GET that must answer within a second. A blocked server never answers (every worker waits on a stalled
     * client); a machine busy with other builds may miss one second now and then, so a few tries are allowed.
     */
    private HttpResponse<String> withinASecond(HttpClient client, String path) throws Exception {
        HttpTimeoutException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return get(client, path, Duration.ofSeconds(1));
            } catch (HttpTimeoutException e) {
                last = e;
            }
        }
        throw new AssertionError(path + " did not answer within a second in 5 tries", last);
    }

    private HttpResponse<String> get(HttpClient client, String path, Duration timeout) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).timeout(timeout).build();
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
