package io.zkmon.alerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.TestLogging;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager process on 127.0.0.1, for integration tests. It gets its own config, storage
 * directory and free port, and no cluster (gossip) port. The binary is {@code /usr/bin/prometheus-alertmanager}
 * (Debian package {@code prometheus-alertmanager}) or {@code $ALERTMANAGER_BIN}; when it is missing, tests are
 * skipped with the reason, or fail when {@code ZKMON_REQUIRE_EXTERNAL=1} (as CI sets).
 */
public final class AlertmanagerProcess implements AutoCloseable {

    static final String ENV_BIN = "ALERTMANAGER_BIN";
    static final String DEFAULT_BIN = "/usr/bin/prometheus-alertmanager";
    static final String ENV_REQUIRE = "ZKMON_REQUIRE_EXTERNAL";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            route:
              receiver: blackhole
              group_wait: 1s
            receivers:
              - name: blackhole
            """;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Why the real Alertmanager cannot be used here (to skip tests with, via an assumption), or null when it can.
     * Fails at once instead when {@code ZKMON_REQUIRE_EXTERNAL=1}, as CI sets.
     */
    public static String missingBinary() {
        Path bin = binary();
        if (Files.isExecutable(bin)) {
            return null;
        }
        String why = "no Alertmanager binary at " + bin + ": install the Debian package prometheus-alertmanager"
                + " (apt-get install -y prometheus-alertmanager) or set " + ENV_BIN;
        if ("1".equals(System.getenv(ENV_REQUIRE))) {
            Assertions.fail(why + " (" + ENV_REQUIRE + "=1 requires the real Alertmanager)");
        }
        return why + "; skipping the tests against a real Alertmanager";
    }

    private static Path binary() {
        String env = System.getenv(ENV_BIN);
        return Path.of(env != null && !env.isBlank() ? env : DEFAULT_BIN);
    }

    /** Starts an Alertmanager using {@code dir} for its config, data and log, and waits until it is ready. */
    public static AlertmanagerProcess start(Path dir) throws Exception {
        String missing = missingBinary();
        Assumptions.assumeTrue(missing == null, missing);
        Path bin = binary();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, CONFIG);
        Path storage = Files.createDirectories(dir.resolve("data"));
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = FreePorts.find();
            Path log = dir.resolve("alertmanager-" + attempt + ".log");
            Process p = new ProcessBuilder(bin.toString(),
                    "--config.file=" + config,
                    "--storage.path=" + storage,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=",
                    "--log.level=" + TestLogging.level())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            AlertmanagerProcess am = new AlertmanagerProcess(p, port, log);
            try {
                am.awaitReady(Duration.ofSeconds(30));
                return am;
            } catch (IllegalStateException e) {
                am.close();
                last = e; // most likely someone took the port in between: try another
            }
        }
        throw last;
    }

    private void awaitReady(Duration timeout) {
        try {
            Awaitility.await("Alertmanager ready on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": " + logTail());
                        }
                        return isReady();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Alertmanager not ready within " + timeout + ": " + logTail(), e);
        }
    }

    private boolean isReady() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** The base URL ({@code http://127.0.0.1:PORT}). */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The alerts Alertmanager shows ({@code GET /api/v2/alerts}): active, silenced, inhibited, unprocessed; not resolved. */
    public List<JsonNode> alerts() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/api/v2/alerts")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    /** The alerts whose {@code path} label is this path. */
    public List<JsonNode> alertsFor(String path) throws IOException, InterruptedException {
        return alerts().stream().filter(a -> path.equals(a.path("labels").path("path").asText())).toList();
    }

    /** The last lines of its log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
