package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The daemon on old ZooKeeper servers, from jars Maven copies into {@code target/zookeeper-<version>/}: the seed's
 * scenario on 3.4.14 and 3.5.10 (one-shot watches): a path drops below {@code children}, one email after
 * {@code cancel_timeout}, one recovery email. And a server it cannot watch at all (3.3.6) stops it at start-up with
 * the version and a non-zero exit.
 */
class OldServersIT {

    private static final String YAML = """
            /services/foo/min_1:
              alerter:
                email: you@home.com
              children: 1
              cancel_timeout: 3s
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "ZooKeeper {0}")
    @ValueSource(strings = {"3.4.14", "3.5.10"})
    void theSeedScenarioOnAnOldServer(String version) throws Exception {
        assumeTrue(Jar.hasAlerterType("email"), "needs zkmon-alerts (email) in the jar");
        Path file = Files.writeString(dir.resolve("test.yaml"), YAML);
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().release(version).dir(dir.resolve("zk")).start();
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             ZooKeeperData instance = new ZooKeeperData(zk.connectString());
             MailSink mail = MailSink.smtp()) {
            data.node("/services/foo");
            instance.instance("/services/foo/min_1", "host-1");
            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(),
                    List.of("-l", "INFO", "-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port)),
                    Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(mail.port())))) {
                p.awaitOutput("ZooKeeper " + version + " at ", Duration.ofSeconds(30));
                p.awaitOutput("one-shot watches", Duration.ofSeconds(5));
                if (Jar.hasHttp()) {
                    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                            assertThat(StatusPage.get(port).at("/monitor/compliance").path("/services/foo/min_1").asBoolean()).as(p::output).isTrue());
                } else {
                    p.awaitOutput("Running as agent", Duration.ofSeconds(30));
                }

                long lost = System.nanoTime();
                instance.remove("/services/foo/min_1/host-1");
                await("the alert email").atMost(Duration.ofSeconds(30)).until(() -> mail.summaries().size() >= 1);
                assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("not before cancel_timeout").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(mail.summaries().get(0)).startsWith("you@home.com: ").contains("/services/foo/min_1");

                instance.instance("/services/foo/min_1", "host-2");
                await("the recovery email").atMost(Duration.ofSeconds(30)).until(() -> mail.summaries().size() >= 2);
                assertThat(mail.summaries().get(1)).startsWith("you@home.com: ").contains("/services/foo/min_1");
                assertThat(mail.summaries()).hasSize(2);
                assertThat(p.stderr() + p.stdout()).doesNotContain("UNIMPLEMENTED").doesNotContain("Unimplemented");
            }
        }
    }

    @Test
    void aServerOlderThan34StopsTheDaemonWithItsVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("test.yaml"), YAML.replace("email: you@home.com", "log"));
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().release("3.3.6").dir(dir.resolve("zk")).start();
             ZkmonProcess p = ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(FreePorts.find()))) {
            int status = p.awaitExit(Duration.ofSeconds(60));
            assertThat(status).as(p.output()).isEqualTo(1);
            assertThat(p.stderr()).as(p.output()).contains("zkmon: ZooKeeper 3.3.6 is not supported: zkmon needs ZooKeeper 3.4 or later");
        }
    }
}
