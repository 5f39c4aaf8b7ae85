package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents as separate processes, one ZooKeeper: the sender is killed with SIGKILL twice, at the worst moments.
 * A pending alert fires exactly once, counted from the original out-of-spec time; a recovery for an alert sent by a
 * dead agent is still sent; nothing is lost or sent twice; each takeover is within the session timeout + 2 s.
 */
class ClusterProcessesIT {

    private static final Duration SESSION = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Agent(ZkmonProcess process, int port) {
        boolean alerting() {
            try {
                return process.isAlive() && StatusPage.get(port).at("/dispatcher/alerting").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Test
    void theSenderKilledTwiceLosesNothingAndRepeatsNothing() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink sink = HttpSink.start()) {
            data.instance("/svc/api", "a").instance("/svc/api", "b");
            Path file = Files.writeString(dir.resolve("cluster.yaml"), """
                    /svc/api:
                      children: 2
                      cancel_timeout: 3s
                      alerter: {webhook: "%s"}
                    """.formatted(sink.url("/hook")));
            List<Agent> agents = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    int port = FreePorts.find();
                    agents.add(new Agent(ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port),
                            "-c", "it", "--session_timeout", SESSION.toSeconds() + "s"), port));
                }
                Agent first = awaitOneLeader(agents);

                // 1. out of spec, and the sender dies (kill -9) inside the grace period
                Instant outOfSpec = Instant.now();
                data.remove("/svc/api/a");
                Thread.sleep(500); // let the sender store the pending incident: the point of this step
                long killed = System.nanoTime();
                first.process().close();
                Agent second = awaitOneLeader(agents);
                long takeover = (System.nanoTime() - killed) / 1_000_000;
                System.out.printf("takeover after SIGKILL with a pending alert: %d ms (session timeout %d ms)%n", takeover, SESSION.toMillis());
                assertThat(takeover).isLessThanOrEqualTo(SESSION.toMillis() + 2_000);

                JsonNode firing = awaitOne(sink, "firing");
                Instant started = Instant.parse(firing.path("started_at").asText());
                assertThat(Duration.between(outOfSpec, started).abs()).as("counted from the original out-of-spec time")
                        .isLessThan(Duration.ofSeconds(2));
                assertThat(firing.path("agent").asText()).as("sent by the new sender").isNotEqualTo(agentName(first, firing));

                // 2. the alert went out; now that sender dies too, and the path recovers while nobody sends.
                // Kill it only once it has stored the delivery (an empty outbox): a kill between the sink's answer and
                // that write is the documented window in which the next sender repeats the stored notification.
                awaitDeliveryStored(data, "/svc/api");
                killed = System.nanoTime();
                second.process().close();
                data.instance("/svc/api", "c");
                Agent third = awaitOneLeader(agents);
                takeover = (System.nanoTime() - killed) / 1_000_000;
                System.out.printf("takeover after SIGKILL with a sent alert: %d ms%n", takeover);
                assertThat(takeover).isLessThanOrEqualTo(SESSION.toMillis() + 2_000);

                JsonNode resolved = awaitOne(sink, "resolved");
                assertThat(resolved.path("dedup_key").asText()).isEqualTo(firing.path("dedup_key").asText());
                assertThat(third.alerting()).isTrue();

                Thread.sleep(3_000); // anything sent twice would arrive now
                assertThat(events(sink)).extracting(n -> n.path("status").asText()).containsExactly("firing", "resolved");
            } finally {
                agents.forEach(a -> a.process().close());
            }
        }
    }

    /** Waits until the shared alert state of a path records a firing with nothing left in its outbox. */
    private static void awaitDeliveryStored(ZooKeeperData data, String path) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (String bucket : data.children("/zk_monitor/it/state")) {
                for (String node : data.children("/zk_monitor/it/state/" + bucket)) {
                    JsonNode doc = JSON.readTree(data.client().getData().forPath("/zk_monitor/it/state/" + bucket + "/" + node));
                    if (doc.path("path").asText().equals(path)) {
                        return doc.path("notified").asBoolean() && doc.path("outbox").isEmpty();
                    }
                }
            }
            return false;
        });
    }

    private static String agentName(Agent a, JsonNode fallback) {
        try {
            return StatusPage.get(a.port()).at("/dispatcher/name").asText();
        } catch (Exception e) {
            return "(dead: was not " + fallback.path("agent").asText() + ")";
        }
    }

    private static Agent awaitOneLeader(List<Agent> agents) {
        Agent[] leader = new Agent[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Agent> alerting = agents.stream().filter(Agent::alerting).toList();
            leader[0] = alerting.size() == 1 ? alerting.get(0) : null;
            return leader[0] != null;
        });
        return leader[0];
    }

    private static JsonNode awaitOne(HttpSink sink, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<JsonNode> matching = events(sink).stream().filter(n -> n.path("status").asText().equals(status)).toList();
            found[0] = matching.isEmpty() ? null : matching.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    private static List<JsonNode> events(HttpSink sink) {
        List<JsonNode> out = new ArrayList<>();
        for (String body : sink.bodies()) {
            try {
                JsonNode n = JSON.readTree(body);
                if (n.path("path").asText().equals("/svc/api")) {
                    out.add(n);
                }
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
        return out;
    }
}
