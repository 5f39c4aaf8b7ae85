package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a process: signals, reloads, an unreachable ZooKeeper, secrets. */
class DaemonIT {

    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    private static ZooKeeperServerProcess zk;
    private static ZooKeeperData data;
    private final List<ZkmonProcess> started = new ArrayList<>();

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = ZooKeeperServerProcess.start(shared.resolve("zk"));
        data = new ZooKeeperData(zk.connectString());
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        data.close();
        zk.close();
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ZkmonProcess::close);
    }

    /** The HTTP port of the last daemon started. */
    private int port;


    private ZkmonProcess daemon(List<String> jvm, Map<String, String> env, String... args) throws Exception {
        port = FreePorts.find();
        List<String> all = new ArrayList<>(List.of("-p", String.valueOf(port)));
        all.addAll(List.of(args));
        ZkmonProcess p = ZkmonProcess.start(jvm, all, env);
        started.add(p);
        return p;
    }

    private ZkmonProcess daemon(String... args) throws Exception {
        return daemon(List.of(), Map.of(), args);
    }

    @Test
    void sigtermStopsWithinFiveSecondsAndTheAgentNodeIsGoneAtOnce() throws Exception {
        data.instance("/services/term", "a");
        Path file = Files.writeString(dir.resolve("term.yaml"), "/services/term: {children: 1, alerter: log}\n");
        ZkmonProcess p = daemon("-l", "INFO", "-z", zk.connectString(), "-f", file.toString(), "-c", "term-test");
        p.awaitOutput("Connected to ZooKeeper", Duration.ofSeconds(30));
        String agents = "/zk_monitor/term-test/agents";
        String suffix = "-" + p.pid();
        await("the agent registered").atMost(Duration.ofSeconds(30))
                .until(() -> data.children(agents).stream().anyMatch(a -> a.endsWith(suffix)));

        long t0 = System.nanoTime();
        p.signal("TERM");
        int status = p.awaitExit(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(status).as(p.output()).isZero();
        assertThat(took).as("time to stop after SIGTERM").isLessThan(Duration.ofSeconds(5));
        assertThat(p.stderr()).contains("Stopping (SIGTERM)").contains("Stopped");
        // not after the 30 s session timeout: the session was closed, so the node is gone when the process is
        assertThat(data.children(agents)).as("agents right after the exit").noneMatch(a -> a.endsWith(suffix));
    }

    @Test
    void sigintStopsToo() throws Exception {
        Path file = Files.writeString(dir.resolve("int.yaml"), "/services/int: {children: 0}\n");
        ZkmonProcess p = daemon("-l", "INFO", "-z", zk.connectString(), "-f", file.toString());
        p.awaitOutput("Connected to ZooKeeper", Duration.ofSeconds(30));

        String sent = p.interrupt();

        assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.output()).isZero();
        assertThat(p.stderr()).contains("Stopping (SIG" + sent + ")");
    }

    @Test
    void sighupReloadsAddingAPathAndKeepsTheAlertStateOfTheOthers() throws Exception {
        data.node("/services/hup_a").node("/services/hup_b");
        Path file = Files.writeString(dir.resolve("hup.yaml"), "/services/hup_a: {children: 1, alerter: log}\n");
        ZkmonProcess p = daemon(List.of("-Dzkmon.config.watch=false"), Map.of(), "-l", "INFO", "-z", zk.connectString(), "-f", file.toString());
        p.awaitOutput("ALERT /services/hup_a out of spec", Duration.ofSeconds(30));

        Files.writeString(file, "/services/hup_a: {children: 1, alerter: log}\n/services/hup_b: {children: 2, alerter: log}\n");
        assumeHangUpDeliverable(p);
        p.signal("HUP");

        p.awaitOutput("Reloaded " + file + " (SIGHUP): 2 paths; added /services/hup_b", Duration.ofSeconds(30));
        p.awaitOutput("ALERT /services/hup_b out of spec: Found children (0) less than minimum (2)", Duration.ofSeconds(30));
        assertThat(count(p.stderr(), "ALERT /services/hup_a")).as(p.output()).isEqualTo(1);
        assertThat(p.stderr()).doesNotContain("RECOVERED /services/hup_a");
        assertThat(p.isAlive()).isTrue();
        if (Jar.hasHttp()) {
            assertThat(StatusPage.get(port).at("/monitor/compliance").has("/services/hup_b")).isTrue();
        }
    }

    @Test
    void anInvalidNewFileIsRejectedAndTheRunningConfigKept() throws Exception {
        data.node("/services/keep");
        Path file = Files.writeString(dir.resolve("keep.yaml"), "/services/keep: {children: 1, alerter: log}\n");
        ZkmonProcess p = daemon(List.of("-Dzkmon.config.watch=false"), Map.of(), "-l", "INFO", "-z", zk.connectString(), "-f", file.toString());
        p.awaitOutput("ALERT /services/keep out of spec", Duration.ofSeconds(30));

        // an unknown key is only a warning in the old form (as the old daemon ignored it); a bad value is an error
        Files.writeString(file, "/services/keep: {children: lots}\n");
        assumeHangUpDeliverable(p);
        p.signal("HUP");

        p.awaitOutput("Config reload (SIGHUP) rejected; still running the previous config", Duration.ofSeconds(30));
        assertThat(p.stderr()).contains("'children' must be a whole number, got 'lots' at " + file + ":1:28");
        if (Jar.hasHttp()) {
            assertThat(StatusPage.text(port, "/metrics").body()).contains("zkmon_config_last_reload_success 0.0");
        }
        data.instance("/services/keep", "back");
        p.awaitOutput("RECOVERED /services/keep back in spec", Duration.ofSeconds(30));
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void savingTheFileReloadsIt() throws Exception {
        data.node("/services/save_a").node("/services/save_b");
        Path file = Files.writeString(dir.resolve("save.yaml"), "/services/save_a: {children: 0}\n");
        ZkmonProcess p = daemon("-l", "INFO", "-z", zk.connectString(), "-f", file.toString());
        p.awaitOutput("Connected to ZooKeeper", Duration.ofSeconds(30));

        Files.writeString(file, "/services/save_b: {children: 1, alerter: log}\n");

        p.awaitOutput("Reloaded " + file + " (the file changed): 1 path; added /services/save_b; removed /services/save_a",
                Duration.ofSeconds(30));
        p.awaitOutput("ALERT /services/save_b out of spec", Duration.ofSeconds(30));
        if (Jar.hasHttp()) {
            assertThat(StatusPage.text(port, "/metrics").body()).contains("zkmon_config_last_reload_success 1.0")
                    .contains("zkmon_config_last_reload_timestamp_seconds ");
        }
    }

    @Test
    void statusFormatFlagServesTheOldDaemonsShapeWhenNoneIsAsked() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Jar.hasHttp(), "this build serves no HTTP");
        data.node("/services/old_shape");
        Path file = Files.writeString(dir.resolve("old.yaml"), "/services/old_shape: {children: 1}\n");
        ZkmonProcess p = daemon("-z", zk.connectString(), "-f", file.toString(), "--status_format", "zk_monitor-0.1");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> // the port opens after startup
                assertThat(StatusPage.get(port).at("/monitor/compliance/~1services~1old_shape/state").asText()).isEqualTo("Error"));

        java.net.http.HttpResponse<String> old = StatusPage.text(port, "/status");
        assertThat(old.headers().firstValue("Content-Type")).hasValue("text/json; charset=UTF-8");
        assertThat(old.body()).startsWith("{\n    \"dispatcher\": {\n        \"alerters\": [");
        assertThat(StatusPage.text(port, "/status?format=zkmon").body()).contains("\"self_alerts\"");
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void anUnreachableZooKeeperIsNotACrash() throws Exception {
        Path file = Files.writeString(dir.resolve("down.yaml"), "/services/down: {children: 1, alerter: log}\n");
        ZkmonProcess p = daemon("-z", "127.0.0.1:" + FreePorts.find(), "-f", file.toString());

        p.awaitOutput("Cannot reach ZooKeeper at 127.0.0.1:", Duration.ofSeconds(40));

        assertThat(p.isAlive()).isTrue();
        assertThat(p.stderr()).as("no ZooKeeper client reconnect noise at the default level").doesNotContain("ConnectException")
                .doesNotContain("ALERT");
        if (Jar.hasHttp()) {
            JsonNode s = StatusPage.get(port);
            assertThat(s.at("/zookeeper/connected").asBoolean()).as(s.toString()).isFalse();
            assertThat(s.at("/monitor/paths").path("/services/down").path("state").asText()).as(s.toString()).isEqualTo("Unknown");
            assertThat(s.at("/monitor/compliance").path("/services/down").asText()).as(s.toString()).startsWith("No information");
        }
        p.signal("TERM");
        assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.output()).isZero();
    }

    @Test
    void secretsNeverAppearInTheLogEvenAtDebug() throws Exception {
        String password = "pa55-Zk-9d41e";
        String token = "t0ken-Api-77c2";
        data.instance("/services/secret", "a");
        Path file = Files.writeString(dir.resolve("secret.yaml"), "/services/secret: {children: 1, alerter: log}\n");
        // a cluster of its own: with credentials the cluster's znodes become creator-only (and open ones are made so),
        // which would lock the other tests' agents, running without credentials, out of the default cluster
        ZkmonProcess p = daemon("-l", "DEBUG", "-z", zk.connectString(), "-f", file.toString(), "-c", "secret-test",
                "--zookeeper_user", "zkmon", "--zookeeper_pass", password, "--api_token", token);
        p.awaitOutput("Running as agent", Duration.ofSeconds(30));
        if (!p.ignores(1)) {
            p.signal("HUP");
            p.awaitOutput("(SIGHUP)", Duration.ofSeconds(30));
        }
        p.signal("TERM");
        p.awaitExit(Duration.ofSeconds(10));

        assertThat(p.stderr()).as("the effective settings are logged, masked").contains("zookeeper_user=zkmon zookeeper_pass=****")
                .contains("api_token=****");
        assertThat(p.stdout() + p.stderr()).doesNotContain(password).doesNotContain(token);
    }

    /** Under nohup SIGHUP is ignored from the start, and no program can undo that: nothing to test then. */
    private static void assumeHangUpDeliverable(ZkmonProcess p) throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(p.ignores(1),
                "SIGHUP is ignored in this environment (started under nohup); reloading on save is tested instead");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
