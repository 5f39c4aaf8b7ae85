package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old daemon's README, end to end: three paths, {@code /status} as the old daemon served it, an email when
 * {@code min_1} loses its child (after {@code cancel_timeout}), a recovery email when it is back, and nothing for
 * {@code min_3}, which has no alerter.
 */
class SeedScenarioIT {

    private static final String SEED_YAML = """
            /services/foo/min_1:
              alerter:
                email: you@home.com
              children: 1
              cancel_timeout: 3s
            /services/foo/min_0:
              alerter:
                email: you@home.com
              children: 0
            /services/foo/min_3:
              children: 3
              cancel_timeout: 1s
            """;

    @TempDir
    Path dir;


    /** A path's compliance as the seed's {@code /status} tells it: {@code "true"}, or what is wrong. */
    private static String compliance(JsonNode status, String path) {
        JsonNode c = status.at("/monitor/compliance").path(path);
        return c.isBoolean() ? String.valueOf(c.asBoolean()) : c.asText();
    }

    /** The seed's three paths in ZooKeeper: min_1 has one child (from {@code instance}'s session), min_3 two. */
    private static void seedPaths(ZooKeeperData data, ZooKeeperData instance) throws Exception {
        instance.instance("/services/foo/min_1", "host-1");
        data.node("/services/foo/min_0").instance("/services/foo/min_3", "a").instance("/services/foo/min_3", "b");
    }

    @Test
    void theSeedReadmeScenario() throws Exception {
        assumeTrue(Jar.hasAlerterType("email"), "needs zkmon-alerts (email) in the jar");
        Path file = Files.writeString(dir.resolve("test.yaml"), SEED_YAML);
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             ZooKeeperData instance = new ZooKeeperData(zk.connectString());
             MailSink mail = MailSink.smtp()) {
            seedPaths(data, instance);
            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(),
                    List.of("-l", "INFO", "-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port)),
                    Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(mail.port())))) {
                p.awaitOutput("Running as agent", Duration.ofSeconds(30));

                if (Jar.hasHttp()) {
                    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                        JsonNode s = StatusPage.get(port);
                        assertThat(s.at("/zookeeper/connected").asBoolean()).isTrue();
                        assertThat(compliance(s, "/services/foo/min_0")).isEqualTo("true");
                        assertThat(compliance(s, "/services/foo/min_1")).isEqualTo("true");
                        assertThat(compliance(s, "/services/foo/min_3")).isEqualTo("Found children (2) less than minimum (3)");
                        assertThat(s.path("version").asText()).isNotEmpty();
                    });
                }

                long lost = System.nanoTime();
                instance.remove("/services/foo/min_1/host-1");
                await("the alert email").atMost(Duration.ofSeconds(30)).until(() -> mail.summaries().size() >= 1);
                assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("not before cancel_timeout").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(mail.summaries().get(0)).startsWith("you@home.com: ").contains("/services/foo/min_1");

                instance.instance("/services/foo/min_1", "host-2");
                await("the recovery email").atMost(Duration.ofSeconds(30)).until(() -> mail.summaries().size() >= 2);
                assertThat(mail.summaries().get(1)).startsWith("you@home.com: ").contains("/services/foo/min_1");
                assertThat(mail.summaries()).as("min_3 has no alerter").noneMatch(m -> m.contains("min_3")).hasSize(2);
            }
        }
    }

    @Test
    void statusIsTheSeedsDocument() throws Exception {
        assumeTrue(Jar.hasHttp(), "needs zkmon-http in the jar");
        Path file = Files.writeString(dir.resolve("test.yaml"), SEED_YAML.replace("email: you@home.com", "log"));
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString())) {
            data.node("/services/foo/min_1").node("/services/foo/min_0").instance("/services/foo/min_3", "a").instance("/services/foo/min_3", "b");
            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port))) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    JsonNode s = StatusPage.get(port);
                    // $ curl --silent http://localhost:8080/status, from the seed's README
                    assertThat(s.at("/monitor/alerter/alerting").isBoolean()).as(s.toString()).isTrue();
                    assertThat(s.at("/monitor/compliance/~1services~1foo~1min_0").asBoolean()).as(s.toString()).isTrue();
                    assertThat(s.at("/monitor/compliance").path("/services/foo/min_1").isTextual()).as(s.toString()).isTrue();
                    assertThat(s.at("/monitor/compliance").path("/services/foo/min_1").asText()).isEqualTo("Found children (0) less than minimum (1)");
                    assertThat(s.at("/monitor/compliance").path("/services/foo/min_3").asText()).isEqualTo("Found children (2) less than minimum (3)");
                    assertThat(s.path("version").isTextual()).isTrue();
                    assertThat(s.at("/zookeeper/connected").asBoolean()).isTrue();
                });
            }
        }
    }

    @Test
    void aWebhookGetsTheFiringAndTheResolvedNotification() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook"), "needs zkmon-alerts (webhook) in the jar");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink sink = HttpSink.start()) {
            data.node("/services/hook");
            Path file = Files.writeString(dir.resolve("hook.yaml"), "/services/hook:\n  children: 1\n  alerter: {webhook: " + sink.url("/hook") + "}\n");
            try (ZkmonProcess p = ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(FreePorts.find()))) {
                await("the firing webhook").atMost(Duration.ofSeconds(30)).until(() -> sink.bodies().size() >= 1);
                data.instance("/services/hook", "back");
                await("the resolved webhook").atMost(Duration.ofSeconds(30)).until(() -> sink.bodies().size() >= 2);

                assertThat(sink.bodies().get(0)).contains("/services/hook");
                assertThat(p.stderr()).as("the webhook URL is a secret").doesNotContain(sink.url("/hook").toString());
            }
        }
    }
}
