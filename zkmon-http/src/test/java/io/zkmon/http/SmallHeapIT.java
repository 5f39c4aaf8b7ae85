package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.testkit.ZooKeeperExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 glob-matched paths served by a JVM with the heap of the shipped systemd unit ({@code -Xmx256m}): polling
 * {@code /status} and {@code /api/v1/paths} with ever different queries, from several clients at once, never runs it
 * out of memory, and every answer is complete. The server runs in a JVM of its own ({@link SmallHeapServer}) that
 * exits on the first {@link OutOfMemoryError}.
 */
class SmallHeapIT {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final int GROUPS = 1_000;
    private static final int PER_GROUP = 100;
    private static final int PATHS = GROUPS * PER_GROUP;
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} (\\S+)$");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process server;
    private String base;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void pollingEveryListingAtAHundredThousandPathsStaysWithinTheHeap() throws Exception {
        createPaths(zk.fixture().client());
        start("/heap/*/*: {children: 0}");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> ready = get("/ready");
                    return ready != null && ready.statusCode() == 200;
                });

        AtomicLong maxHeapUsed = new AtomicLong();
        AtomicLong bytesServed = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                for (int round = 0; round < 8; round++) {
                    int k = client * 100 + round;
                    bytesServed.addAndGet(complete("/status", -1));
                    bytesServed.addAndGet(complete(k % 2 == 0 ? "/status?pretty" : "/status?pretty=" + k, -1));
                    // a near-full listing, with a limit never asked before
                    bytesServed.addAndGet(complete("/api/v1/paths?limit=" + (PATHS - k), PATHS - k));
                    bytesServed.addAndGet(complete("/api/v1/paths?q=g" + String.format("%03d", k) + "&limit=" + (50 + k), 50 + k > PER_GROUP
                            ? PER_GROUP : 50 + k));
                    bytesServed.addAndGet(complete("/api/v1/paths?state=ok&offset=" + (k * 997) % (PATHS - 1000) + "&limit=1000", 1000));
                    maxHeapUsed.accumulateAndGet(heapUsed(), Math::max);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(20, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(server.isAlive()).as("the server JVM is still running; its output: %s", output).isTrue();
        assertThat(String.join("\n", output)).doesNotContain("OutOfMemoryError");
        System.err.printf("SmallHeapIT: %,d paths, %,d bytes served, peak heap used seen by /metrics %,d bytes of 256 MiB%n",
                PATHS, bytesServed.get(), maxHeapUsed.get());
    }

    /** GETs a path, checks that the answer is complete JSON (with {@code items} paths when not -1); returns its size. */
    private long complete(String path, int items) {
        HttpResponse<InputStream> r = send(path);
        try (InputStream in = r.body()) {
            byte[] body = in.readAllBytes();
            assertThat(r.statusCode()).as("%s: %s; server output: %s", path, new String(body, 0, Math.min(body.length, 500),
                    StandardCharsets.UTF_8), output).isEqualTo(200);
            JsonNode doc = Api.JSON.readTree(body);
            if (items >= 0) {
                assertThat(doc.get("paths")).as(path).hasSize(items);
            } else {
                assertThat(doc.at("/monitor/compliance").size()).as(path).isEqualTo(PATHS);
            }
            return body.length;
        } catch (IOException e) {
            throw new AssertionError(path + " failed (" + e + "); server output: " + output, e);
        }
    }

    private long heapUsed() {
        HttpResponse<InputStream> r = send("/metrics");
        try (InputStream in = r.body()) {
            Matcher m = HEAP_USED.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            return (long) Double.parseDouble(m.group(1));
        } catch (IOException e) {
            throw new AssertionError("/metrics failed; server output: " + output, e);
        }
    }

    /** A GET, or null when the server does not answer (yet); fails when its JVM has exited. */
    private HttpResponse<String> get(String path) {
        try {
            return client.send(request(path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            assertThat(server.isAlive()).as("the server JVM exited; its output: %s", output).isTrue();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<InputStream> send(String path) {
        try {
            return client.send(request(path), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AssertionError(path + " failed (" + e + "); the server JVM is " + (server.isAlive() ? "running" : "gone")
                    + "; its output: " + output, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).build();
    }

    private static void createPaths(CuratorFramework c) throws Exception {
        c.create().forPath("/heap");
        List<CuratorOp> batch = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            batch.add(c.transactionOp().create().forPath(String.format("/heap/g%03d", g)));
            for (int i = 0; i < PER_GROUP; i++) {
                batch.add(c.transactionOp().create().forPath(String.format("/heap/g%03d/service-%06d", g, g * PER_GROUP + i)));
            }
            if (batch.size() >= 1_000) {
                c.transaction().forOperations(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            c.transaction().forOperations(batch);
        }
    }

    private void start(String yaml) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                SmallHeapServer.class.getName(), zk.fixture().connectString(), yaml).redirectErrorStream(true);
        server = pb.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                    if (line.startsWith("PORT ")) {
                        base = "http://127.0.0.1:" + line.substring(5).trim();
                    }
                }
            } catch (IOException e) {
                output.add("(output ended: " + e + ")");
            }
        }, "small-heap-server-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofMinutes(2)).until(() -> base != null || !server.isAlive());
        assertThat(base).as("the server JVM did not start; its output: %s", output).isNotNull();
    }
}
