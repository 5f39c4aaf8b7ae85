package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zkmon tells when it cannot see, with the real daemon as separate processes: ZooKeeper stopped makes each agent
 * email its own {@code ZkmonBlind} and, once back, its recovery, and never a path alert; a forged, never-expiring lock
 * candidate is ignored or reported, never silent; heartbeats go while the sender is healthy and stop when it is killed.
 */
class SelfAlertsProcessesIT {

    private static final Duration BLIND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private record Agent(ZkmonProcess process, int port) {
        JsonNode status() throws Exception {
            return StatusPage.get(port);
        }

        String name() throws Exception {
            return status().at("/dispatcher/name").asText();
        }

        boolean alerting() {
            try {
                return process.isAlive() && status().at("/dispatcher/alerting").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }

        boolean primed() {
            try {
                JsonNode s = status();
                return s.at("/zookeeper/connected").asBoolean() && s.at("/monitor/compliance/~1services~1foo~1min_1").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }
    }

    private Agent start(ZooKeeperServerProcess zk, Path file, Map<String, String> env) throws Exception {
        int port = FreePorts.find();
        return new Agent(ZkmonProcess.start(List.of(), List.of("-l", "INFO", "-z", zk.connectString(), "-f", file.toString(),
                "-p", String.valueOf(port), "-c", "it", "--session_timeout", "4s"), env), port);
    }

    @Test
    void zooKeeperStoppedGivesEachAgentOneBlindEmailThenOneRecoveryAndNoPathAlert() throws Exception {
        assumeTrue(Jar.hasAlerterType("email") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        // the seed's own form: inline email alerters, which self-alerts go to by default
        Path file = Files.writeString(dir.resolve("test.yaml"), """
                settings:
                  blind_timeout: %ds
                /services/foo/min_1:
                  alerter:
                    email: you@home.com
                  children: 1
                  cancel_timeout: 3s
                /services/foo/min_0:
                  alerter:
                    email: you@home.com
                  children: 0
                """.formatted(BLIND.toSeconds()));
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             MailSink mail = MailSink.smtp()) {
            try (ZooKeeperData data = new ZooKeeperData(zk.connectString())) {
                data.node("/services/foo/min_1/host-1").node("/services/foo/min_0"); // persistent: still there after the restart
            }
            Map<String, String> env = Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(mail.port()));
            List<Agent> agents = List.of(start(zk, file, env), start(zk, file, env));
            try {
                await("both agents see every path").atMost(Duration.ofSeconds(90)).until(() -> agents.stream().allMatch(Agent::primed));
                List<String> names = new ArrayList<>();
                for (Agent a : agents) {
                    names.add(a.name());
                }

                long stopping = System.nanoTime();
                zk.stop();
                long stopped = System.nanoTime();
                List<Long> arrivals = new ArrayList<>();
                await("one ZkmonBlind email per agent within blind_timeout + 10 s").atMost(BLIND.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            while (arrivals.size() < mail.received().size()) {
                                arrivals.add(System.nanoTime());
                            }
                            return mail.received().size() >= 2;
                        });
                for (long at : arrivals) {
                    System.out.printf("ZooKeeper stop to self-alert email: %d ms (blind_timeout %ds; the stop itself took %d ms)%n",
                            (at - stopping) / 1_000_000, BLIND.toSeconds(), (stopped - stopping) / 1_000_000);
                }
                assertThat(mail.summaries()).containsExactlyInAnyOrder(
                        "you@home.com: [zkmon] ZkmonBlind: zkmon agent " + names.get(0) + " in cluster it",
                        "you@home.com: [zkmon] ZkmonBlind: zkmon agent " + names.get(1) + " in cluster it");
                assertThat(MailSink.body(mail.received().get(0))).contains("Not connected to ZooKeeper since");

                zk.restart();
                await("one recovery per agent").atMost(Duration.ofSeconds(30)).until(() -> mail.received().size() >= 4);
                await("nothing more").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> mail.received().size() == 4);
                assertThat(mail.summaries().subList(2, 4)).containsExactlyInAnyOrder(
                        "you@home.com: [zkmon] ZkmonBlind resolved: zkmon agent " + names.get(0) + " in cluster it",
                        "you@home.com: [zkmon] ZkmonBlind resolved: zkmon agent " + names.get(1) + " in cluster it");
                assertThat(mail.summaries()).as("no path alert at all").noneMatch(s -> s.contains("/services/foo"));
            } finally {
                agents.forEach(a -> a.process().close());
            }
        }
    }

    @Test
    void aForgedNeverExpiringLockCandidateIsIgnoredOrReportedNeverSilent() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink sink = HttpSink.start()) {
            data.node("/services/foo/min_1/host-1");
            // a persistent node shaped like a lock candidate, with the lowest sequence: it never goes away by itself
            data.client().create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath("/zk_monitor/it/locks/alerter/_c_00000000-0000-0000-0000-000000000000-latch-0000000000",
                            "forged".getBytes(StandardCharsets.UTF_8));
            Path file = Files.writeString(dir.resolve("test.yaml"), """
                    settings: {blind_timeout: %ds}
                    /services/foo/min_1: {children: 1, cancel_timeout: 0, alerter: {webhook: "%s"}}
                    """.formatted(BLIND.toSeconds(), sink.url("/hook")));
            List<Agent> agents = List.of(start(zk, file, Map.of()), start(zk, file, Map.of()));
            try {
                await("both agents see every path").atMost(Duration.ofSeconds(90)).until(() -> agents.stream().allMatch(Agent::primed));
                await("an agent sends, or one reports that none does").atMost(BLIND.plusSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> agents.stream().filter(Agent::alerting).count() == 1 || !noSender(sink).isEmpty());
                if (agents.stream().anyMatch(Agent::alerting)) {
                    System.out.println("the forged lock candidate was ignored: an agent sends");
                    assertThat(agents.stream().filter(Agent::alerting)).hasSize(1);
                    data.remove("/services/foo/min_1/host-1");
                    await("path alerts go out").atMost(Duration.ofSeconds(20)).until(() -> !events(sink, "/services/foo/min_1").isEmpty());
                    assertThat(noSender(sink)).isEmpty();
                } else {
                    System.out.println("the forged lock candidate holds the lock: the next in line reports it");
                    await("nothing more").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> noSender(sink).size() == 1);
                    JsonNode n = noSender(sink).get(0);
                    assertThat(n.path("status").asText()).isEqualTo("firing");
                    assertThat(n.path("message").asText()).contains("Cluster it has no alert sender");
                    assertThat(List.of(agents.get(0).name(), agents.get(1).name())).contains(n.path("agent").asText());
                }
            } finally {
                agents.forEach(a -> a.process().close());
            }
        }
    }

    @Test
    void heartbeatsArriveWhileTheSenderIsHealthyAndStopWithinTwoIntervalsWhenItIsKilled() throws Exception {
        assumeTrue(Jar.hasAlerterType("heartbeat") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        Duration interval = Duration.ofSeconds(1);
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink sink = HttpSink.start()) {
            data.node("/services/foo/min_1/host-1");
            Path file = Files.writeString(dir.resolve("test.yaml"), """
                    alerters:
                      deadman: {type: heartbeat, url: "%s", interval: %ds}
                    /services/foo/min_1: {children: 1}
                    """.formatted(sink.url("/ping/it"), interval.toSeconds()));
            Agent sender = start(zk, file, Map.of());
            try {
                await("beats while healthy").atMost(Duration.ofSeconds(30)).until(() -> sink.requests().size() >= 3);
                assertThat(sink.requests()).allSatisfy(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.path()).isEqualTo("/ping/it");
                });

                long killed = System.nanoTime();
                sender.process().close(); // SIGKILL, and no other agent runs
                long deadline = killed + interval.multipliedBy(2).toNanos();
                await("no beat later than two intervals after the kill").during(interval.multipliedBy(5)).atMost(interval.multipliedBy(7))
                        .until(() -> sink.requests().stream().allMatch(r -> r.receivedNanos() <= deadline));
                long last = sink.requests().get(sink.requests().size() - 1).receivedNanos();
                System.out.printf("last heartbeat %d ms after the kill (interval %s)%n", (last - killed) / 1_000_000, interval);
            } finally {
                sender.process().close();
            }
        }
    }

    private static List<JsonNode> noSender(HttpSink sink) {
        return sink.requests().stream().map(HttpSink.Request::json).filter(n -> n.path("alert").asText().equals("ZkmonNoSender")).toList();
    }

    private static List<JsonNode> events(HttpSink sink, String path) {
        return sink.requests().stream().map(HttpSink.Request::json).filter(n -> n.path("path").asText().equals(path)).toList();
    }
}
